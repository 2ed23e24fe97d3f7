#ifndef AIKIT_CEDITLINE_H
#define AIKIT_CEDITLINE_H
// BSD libedit (soname libedit.so.2, Debian's libedit2) through its readline-compatible interface, for the REPL only:
// opened with dlopen when a terminal REPL starts (CEditLine_load), so no other command maps libedit and its
// libtinfo/libbsd/libmd. libedit rather than GNU readline, whose licence would bind aikit's.
//
// The few declarations used are copied from <editline/readline.h> (libedit's stable readline-compatible ABI), so the
// build needs no libedit-dev. Swift 6 cannot touch libedit's mutable globals directly; cedit_configure sets them.
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef char **rl_completion_func_t(const char *, int, int);
typedef char *rl_compentry_func_t(const char *, int);

/// Loads libedit.so.2 and resolves what follows, once (thread-safe). Returns 0, or -1 with `err` saying what could
/// not be loaded and that Debian's `libedit2` provides it. Call it before anything else here.
int CEditLine_load(char *err, size_t err_size);

// Each forwards to libedit's function of the same name (hidden: never exported).
char *readline(const char *prompt);
int add_history(const char *line);
void stifle_history(int max);
int read_history(const char *path);
int write_history(const char *path);
char **rl_completion_matches(const char *text, rl_compentry_func_t *entry);

/// Program name, word-break characters and the completion callback; no character appended after a completion.
void cedit_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete);

/// Tells libedit not to fall back to file-name completion.
void cedit_completion_over(void);

/// The line being edited (readline's rl_line_buffer), for the completion callback: the text before the word being
/// completed is its context (`compliance.check{ ch` completes option keys). May be NULL.
const char *cedit_line_buffer(void);

#ifdef __cplusplus
}
#endif
#endif
