// libedit through dlopen: one table of function pointers and variable addresses, filled by CEditLine_load.
#include "CEditLine.h"

#include <CDynamicLoading.h>

#define LIBEDIT_FUNCTIONS(X)                                                                                          \
    X(char *, readline, (const char *prompt), (prompt))                                                               \
    X(int, add_history, (const char *line), (line))                                                                   \
    X(void, stifle_history, (int max), (max))                                                                         \
    X(int, read_history, (const char *path), (path))                                                                  \
    X(int, write_history, (const char *path), (path))                                                                 \
    X(char **, rl_completion_matches, (const char *text, rl_compentry_func_t *entry), (text, entry))

#define LIBEDIT_VARIABLES(X)                                                                                          \
    X(const char *, rl_readline_name)                                                                                 \
    X(const char *, rl_basic_word_break_characters)                                                                   \
    X(char *, rl_completer_word_break_characters)                                                                     \
    X(int, rl_completion_append_character)                                                                            \
    X(rl_completion_func_t *, rl_attempted_completion_function)                                                       \
    X(int, rl_attempted_completion_over)

#define FUNCTION_SLOT(type, name, parameters, arguments) type(*name) parameters;
#define VARIABLE_SLOT(type, name) type *name;
static struct { LIBEDIT_FUNCTIONS(FUNCTION_SLOT) LIBEDIT_VARIABLES(VARIABLE_SLOT) } libedit;

#define FUNCTION_NAME(type, name, parameters, arguments) #name,
#define VARIABLE_NAME(type, name) #name,
static const char *const symbols[] = {LIBEDIT_FUNCTIONS(FUNCTION_NAME) LIBEDIT_VARIABLES(VARIABLE_NAME) NULL};
static const char *const names[] = {"libedit.so.2", NULL};
static aikit_dynamic_library library = AIKIT_DYNAMIC_LIBRARY_INIT(names, symbols, &libedit, "libedit2");

int CEditLine_load(char *err, size_t err_size) { return aikit_dynamic_library_load(&library, err, err_size); }

#define FORWARD(type, name, parameters, arguments) \
    AIKIT_DYNAMIC_FORWARD(library, libedit, type, name, parameters, arguments)
LIBEDIT_FUNCTIONS(FORWARD)

void cedit_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    if (!libedit.rl_readline_name) aikit_dynamic_library_require(&library);
    *libedit.rl_readline_name = name;
    *libedit.rl_basic_word_break_characters = word_breaks;
    *libedit.rl_completer_word_break_characters = (char *)word_breaks;
    *libedit.rl_completion_append_character = 0;
    *libedit.rl_attempted_completion_function = complete;
}

void cedit_completion_over(void) {
    if (!libedit.rl_attempted_completion_over) aikit_dynamic_library_require(&library);
    *libedit.rl_attempted_completion_over = 1;
}
