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
    X(char *, rl_line_buffer)                                                                                         \
    X(const char *, rl_basic_word_break_characters)                                                                   \
    X(char *, rl_completer_word_break_characters)                                                                     \
    X(int, rl_completion_append_character)                                                                            \
    X(rl_completion_func_t *, rl_attempted_completion_function)                                                       \
    X(int, rl_attempted_completion_over)

AIKIT_DYNAMIC_LIBRARY(LIBEDIT_FUNCTIONS, LIBEDIT_VARIABLES, "libedit.so.2", "libedit2", CEditLine_load)

void cedit_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    if (!aikit_table.rl_readline_name) aikit_dynamic_library_require(&aikit_library);
    *aikit_table.rl_readline_name = name;
    *aikit_table.rl_basic_word_break_characters = word_breaks;
    *aikit_table.rl_completer_word_break_characters = (char *)word_breaks;
    *aikit_table.rl_completion_append_character = 0;
    *aikit_table.rl_attempted_completion_function = complete;
}

void cedit_completion_over(void) {
    if (!aikit_table.rl_attempted_completion_over) aikit_dynamic_library_require(&aikit_library);
    *aikit_table.rl_attempted_completion_over = 1;
}

const char *cedit_line_buffer(void) {
    if (!aikit_table.rl_line_buffer) aikit_dynamic_library_require(&aikit_library);
    return *aikit_table.rl_line_buffer;
}
