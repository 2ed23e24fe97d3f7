#ifndef AIKIT_CSQLITE_H
#define AIKIT_CSQLITE_H
// SQLite (Debian's libsqlite3-0, soname libsqlite3.so.0), the market store's embedded backend: its types and
// constants from <sqlite3.h> (libsqlite3-dev), its functions opened with dlopen when the first store is opened
// (CSQLite_load), so a script that never opens a store does not map or relocate it.
#include <sqlite3.h>
#include <stddef.h>

/// Loads libsqlite3.so.0 and resolves the functions the store calls, once (thread-safe). Returns 0, or -1 with `err`
/// saying what could not be loaded and that Debian's `libsqlite3-0` provides it. Call it before any sqlite3_ function.
int CSQLite_load(char *err, size_t err_size);

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }
#endif
