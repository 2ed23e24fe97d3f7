#ifndef AIKIT_CDYNAMICLOADING_H
#define AIKIT_CDYNAMICLOADING_H
// Loading an optional C library only when a feature first needs it (dlopen + a table of dlsym'd function pointers),
// so that start-up pays neither for relocating the library nor for mapping it and its dependencies.
//
// A shim is an X-macro list of the library's functions and one AIKIT_DYNAMIC_LIBRARY line (below; CPostgres,
// CSQLite and CEditLine are examples, CCurl can be another); aikit_dlopen_first and aikit_dlsym_all serve code that
// wants the steps alone. The table is a struct of function pointers in the order of the symbol list (data and
// function pointers have one size and representation on the platforms aikit supports: POSIX requires it of dlsym).
#include <pthread.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opens the first of `names` (a NULL-terminated list of sonames or paths) that dlopen finds, with
/// RTLD_NOW | RTLD_LOCAL (every symbol resolved now; none added to the global namespace, so nothing of the
/// library can interpose on the program's symbols or another library's).
/// Returns the handle, or NULL with `err` (when non-NULL) holding one line naming each library tried and dlerror's
/// reason for the last one.
void *aikit_dlopen_first(const char *const names[], char *err, size_t err_size);

/// Resolves each of `symbols` (NULL-terminated) in `handle` into `slots[i]`. Returns 0, or -1 with `err` naming the
/// first missing symbol (the library is then too old or not the one expected); `slots` is then left all NULL.
int aikit_dlsym_all(void *handle, const char *const symbols[], void **slots, char *err, size_t err_size);

/// One optional library: what to open, what to resolve, where to put it, and what to tell the user to install.
typedef struct aikit_dynamic_library {
    const char *const *names;    ///< sonames to try, in order, NULL-terminated (e.g. {"libpq.so.5", NULL})
    const char *const *symbols;  ///< symbols to resolve, NULL-terminated, in the order of `slots`
    void *slots;                 ///< a struct of function pointers, one per symbol, in order
    const char *package;         ///< the Debian package that provides the library, for messages (e.g. "libpq5")
    pthread_mutex_t lock;
    int loaded;                  ///< 1 once every symbol is resolved (read under `lock`, or through the load call)
    void *handle;
} aikit_dynamic_library;

#define AIKIT_DYNAMIC_LIBRARY_INIT(names_, symbols_, slots_, package_) \
    { (names_), (symbols_), (void *)(slots_), (package_), PTHREAD_MUTEX_INITIALIZER, 0, NULL }

/// Loads `library` once (thread-safe; later calls return at once). Returns 0 when every symbol is resolved; else -1
/// with `err` saying which library could not be loaded, why, and which Debian package to install. A failure is not
/// remembered: the next call tries again (a package installed meanwhile is found).
int aikit_dynamic_library_load(aikit_dynamic_library *library, char *err, size_t err_size);

/// Loads `library` or ends the process with its message on standard error: for the forwarding functions below,
/// which the shim's own load function (called first, its failure reported to the user) makes unreachable unloaded.
void aikit_dynamic_library_require(aikit_dynamic_library *library);

// A shim for one library per C file, from an X-macro list of its functions, each entry
// `X(type, name, (parameters), (arguments))`:
//
//     #define LIBPQ_FUNCTIONS(X) X(PGconn *, PQconnectdb, (const char *conninfo), (conninfo)) ...
//     AIKIT_DYNAMIC_LIBRARY(LIBPQ_FUNCTIONS, AIKIT_NO_VARIABLES, "libpq.so.5", "libpq5", CPostgres_load)
//
// defines the table (`aikit_table`, one slot per function, then one pointer per variable of the list
// `X(type, name)`), the `aikit_dynamic_library` (`aikit_library`), `int LOAD(char *err, size_t err_size)`, and a
// function of each name that forwards to the table (hidden: never exported, so the library's own calls stay its own;
// the Swift code calls the library's names unchanged). A variable is read or set as `*aikit_table.name` after LOAD.
#define AIKIT_NO_VARIABLES(X)
#define AIKIT_DYNAMIC_FUNCTION_SLOT(type, name, parameters, arguments) type(*name) parameters;
#define AIKIT_DYNAMIC_VARIABLE_SLOT(type, name) type *name;
#define AIKIT_DYNAMIC_FUNCTION_NAME(type, name, parameters, arguments) #name,
#define AIKIT_DYNAMIC_VARIABLE_NAME(type, name) #name,
#define AIKIT_DYNAMIC_FORWARD(type, name, parameters, arguments)                                                    \
    __attribute__((visibility("hidden"))) type name parameters {                                                      \
        if (!aikit_table.name) aikit_dynamic_library_require(&aikit_library);                                         \
        return aikit_table.name arguments;                                                                            \
    }
#define AIKIT_DYNAMIC_LIBRARY(FUNCTIONS, VARIABLES, soname, package, LOAD)                                          \
    static struct { FUNCTIONS(AIKIT_DYNAMIC_FUNCTION_SLOT) VARIABLES(AIKIT_DYNAMIC_VARIABLE_SLOT) } aikit_table;      \
    static const char *const aikit_symbols[] = {                                                                      \
        FUNCTIONS(AIKIT_DYNAMIC_FUNCTION_NAME) VARIABLES(AIKIT_DYNAMIC_VARIABLE_NAME) NULL};                          \
    static const char *const aikit_names[] = {soname, NULL};                                                          \
    static aikit_dynamic_library aikit_library =                                                                      \
        AIKIT_DYNAMIC_LIBRARY_INIT(aikit_names, aikit_symbols, &aikit_table, package);                                \
    int LOAD(char *err, size_t err_size) { return aikit_dynamic_library_load(&aikit_library, err, err_size); }        \
    FUNCTIONS(AIKIT_DYNAMIC_FORWARD)

#ifdef __cplusplus
}
#endif
#endif
