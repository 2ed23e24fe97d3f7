// BSD libedit through its readline-compatible interface (Debian: libedit-dev).
// Swift 6 cannot touch libedit's mutable globals directly; these wrappers set them.
#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>

/// Program name, word-break characters and the completion callback; no character appended after a completion.
static inline void cedit_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_completion_append_character = 0;
    rl_attempted_completion_function = complete;
}

/// Tells libedit not to fall back to file-name completion.
static inline void cedit_completion_over(void) { rl_attempted_completion_over = 1; }
#endif
