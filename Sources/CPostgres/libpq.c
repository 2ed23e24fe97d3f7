// libpq through dlopen: one table of function pointers, filled by CPostgres_load, and a forwarding function per entry.
#include "CPostgres.h"

#include <CDynamicLoading.h>

#define LIBPQ_FUNCTIONS(X)                                                                                            \
    X(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                                                      \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                                         \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn))                                                           \
    X(void, PQfinish, (PGconn *conn), (conn))                                                                         \
    X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))                                           \
    X(PGresult *, PQexecParams,                                                                                       \
      (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,        \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                          \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))                    \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                                                   \
    X(char *, PQresultErrorMessage, (const PGresult *res), (res))                                                     \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))                             \
    X(void, PQclear, (PGresult *res), (res))                                                                          \
    X(int, PQntuples, (const PGresult *res), (res))                                                                   \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))                 \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))               \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))                 \
    X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))                 \
    X(void, PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))                                           \
    X(void, PQfreemem, (void *ptr), (ptr))

AIKIT_DYNAMIC_LIBRARY(LIBPQ_FUNCTIONS, AIKIT_NO_VARIABLES, "libpq.so.5", "libpq5", CPostgres_load)
