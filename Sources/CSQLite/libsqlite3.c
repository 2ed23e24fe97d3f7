// SQLite through dlopen: the functions the store calls, under SQLite's own names (hidden, so never exported), each
// forwarding to the table CSQLite_load fills.
#pragma GCC visibility push(hidden)
#include "CSQLite.h"
#pragma GCC visibility pop

#include <CDynamicLoading.h>

#define SQLITE_FUNCTIONS(X)                                                                                           \
    X(int, sqlite3_open_v2, (const char *filename, sqlite3 **db, int flags, const char *vfs),                        \
      (filename, db, flags, vfs))                                                                                     \
    X(int, sqlite3_close_v2, (sqlite3 * db), (db))                                                                    \
    X(const char *, sqlite3_errmsg, (sqlite3 * db), (db))                                                             \
    X(int, sqlite3_extended_result_codes, (sqlite3 * db, int on), (db, on))                                           \
    X(int, sqlite3_busy_timeout, (sqlite3 * db, int ms), (db, ms))                                                    \
    X(int, sqlite3_get_autocommit, (sqlite3 * db), (db))                                                              \
    X(int, sqlite3_changes, (sqlite3 * db), (db))                                                                     \
    X(int, sqlite3_exec,                                                                                              \
      (sqlite3 * db, const char *sql, int (*callback)(void *, int, char **, char **), void *context, char **error),  \
      (db, sql, callback, context, error))                                                                            \
    X(void, sqlite3_free, (void *pointer), (pointer))                                                                 \
    X(int, sqlite3_prepare_v3,                                                                                        \
      (sqlite3 * db, const char *sql, int bytes, unsigned int flags, sqlite3_stmt **statement, const char **tail),   \
      (db, sql, bytes, flags, statement, tail))                                                                       \
    X(int, sqlite3_step, (sqlite3_stmt * statement), (statement))                                                     \
    X(int, sqlite3_reset, (sqlite3_stmt * statement), (statement))                                                    \
    X(int, sqlite3_finalize, (sqlite3_stmt * statement), (statement))                                                 \
    X(int, sqlite3_clear_bindings, (sqlite3_stmt * statement), (statement))                                           \
    X(int, sqlite3_bind_null, (sqlite3_stmt * statement, int index), (statement, index))                              \
    X(int, sqlite3_bind_int64, (sqlite3_stmt * statement, int index, sqlite3_int64 value), (statement, index, value)) \
    X(int, sqlite3_bind_double, (sqlite3_stmt * statement, int index, double value), (statement, index, value))       \
    X(int, sqlite3_bind_text,                                                                                         \
      (sqlite3_stmt * statement, int index, const char *text, int bytes, void (*destructor)(void *)),               \
      (statement, index, text, bytes, destructor))                                                                    \
    X(int, sqlite3_bind_blob64,                                                                                       \
      (sqlite3_stmt * statement, int index, const void *bytes, sqlite3_uint64 count, void (*destructor)(void *)),   \
      (statement, index, bytes, count, destructor))                                                                   \
    X(int, sqlite3_column_type, (sqlite3_stmt * statement, int column), (statement, column))                          \
    X(sqlite3_int64, sqlite3_column_int64, (sqlite3_stmt * statement, int column), (statement, column))               \
    X(double, sqlite3_column_double, (sqlite3_stmt * statement, int column), (statement, column))                     \
    X(const unsigned char *, sqlite3_column_text, (sqlite3_stmt * statement, int column), (statement, column))        \
    X(const void *, sqlite3_column_blob, (sqlite3_stmt * statement, int column), (statement, column))                 \
    X(int, sqlite3_column_bytes, (sqlite3_stmt * statement, int column), (statement, column))

AIKIT_DYNAMIC_LIBRARY(SQLITE_FUNCTIONS, AIKIT_NO_VARIABLES, "libsqlite3.so.0", "libsqlite3-0", CSQLite_load)
