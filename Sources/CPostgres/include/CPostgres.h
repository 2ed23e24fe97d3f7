#ifndef AIKIT_CPOSTGRES_H
#define AIKIT_CPOSTGRES_H
// The part of libpq (PostgreSQL's C client, soname libpq.so.5) that the market store's PostgreSQL backend calls,
// under libpq's own names, loaded with dlopen the first time a PostgreSQL store is opened (CPostgres_load): a script
// that never opens one never maps libpq nor its TLS/GSSAPI/LDAP dependencies, and the build needs no libpq-dev.
//
// The types and constants are declared here rather than taken from <libpq-fe.h>: libpq's ABI under soname 5 is
// frozen (these signatures and enum values are unchanged since PostgreSQL 7.4), and declaring them lets the wrappers
// below carry libpq's names without clashing with its header. Reference: https://www.postgresql.org/docs/current/libpq.html
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef struct _PQconninfoOption PQconninfoOption;
typedef unsigned int Oid;

/// PQstatus (libpq-fe.h `ConnStatusType`; only the first two values are fixed forever, and the only ones used).
typedef enum { CONNECTION_OK = 0, CONNECTION_BAD = 1 } ConnStatusType;

/// PQresultStatus (libpq-fe.h `ExecStatusType`, in its order).
typedef enum {
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK = 1,
    PGRES_TUPLES_OK = 2,
    PGRES_COPY_OUT = 3,
    PGRES_COPY_IN = 4,
    PGRES_BAD_RESPONSE = 5,
    PGRES_NONFATAL_ERROR = 6,
    PGRES_FATAL_ERROR = 7,
} ExecStatusType;

/// Loads libpq.so.5 and resolves every function below, once (thread-safe). Returns 0, or -1 with `err` saying what
/// could not be loaded and that Debian's `libpq5` provides it. Call it before any other function here; each of them
/// aborts with that message if called while libpq is not loaded (a bug, never a user's mistake).
int CPostgres_load(char *err, size_t err_size);

// Each forwards to libpq's function of the same name (hidden: never exported, so libpq's own calls stay its own).
PGconn *PQconnectdb(const char *conninfo);
ConnStatusType PQstatus(const PGconn *conn);
char *PQerrorMessage(const PGconn *conn);
void PQfinish(PGconn *conn);
PGresult *PQexec(PGconn *conn, const char *query);
PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat);
ExecStatusType PQresultStatus(const PGresult *res);
char *PQresultErrorMessage(const PGresult *res);
char *PQresultErrorField(const PGresult *res, int fieldcode);
void PQclear(PGresult *res);
int PQntuples(const PGresult *res);
int PQgetisnull(const PGresult *res, int tup_num, int field_num);
char *PQgetvalue(const PGresult *res, int tup_num, int field_num);
int PQgetlength(const PGresult *res, int tup_num, int field_num);
PQconninfoOption *PQconninfoParse(const char *conninfo, char **errmsg);
void PQconninfoFree(PQconninfoOption *connOptions);
void PQfreemem(void *ptr);

#ifdef __cplusplus
}
#endif
#endif
