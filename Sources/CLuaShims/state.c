// State creation, the capped allocator, the warning function, limits and SIGINT (the hook itself is in hooks.c).
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>

double aikit_monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// The memory cap is enforced only while Lua code runs. Swift code (between a trampoline's entry and exit, or
// before a chunk starts) can then push strings and build tables without an allocation failure longjmp-ing over
// its frames; whatever it allocated counts, so the next allocation Lua makes past the cap fails properly.
static void *aikit_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    aikit_limits *lim = (aikit_limits *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        lim->used -= old;
        return NULL;
    }
    if (lim->cap != 0 && nsize > old && lim->lua_running && lim->used + lim->external - old + nsize > lim->cap) {
        lim->cap_hit = 1;
        // Stop at the very next instruction, even when a pcall swallows the allocation error (setting a hook is
        // a few stores, safe here as in a signal handler).
        if (lim->main_state != NULL) aikit_trip(lim);
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    lim->used = lim->used - old + nsize;
    if (lim->used > lim->peak) lim->peak = lim->used;
    return p;
}

static int aikit_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "aikit: unprotected Lua error (this is a bug in aikit): %s\n", msg ? msg : "?");
    abort();
}

// The warning function of lauxlib's luaL_newstate (static there): off until "@on", messages to standard error
// as "Lua warning: ...", continued pieces joined.
static void warn_off(void *ud, const char *message, int tocont);
static void warn_on(void *ud, const char *message, int tocont);
static void warn_continue(void *ud, const char *message, int tocont);

static int warn_control(lua_State *L, const char *message, int tocont) {
    if (tocont || *(message++) != '@') return 0;
    if (strcmp(message, "off") == 0) lua_setwarnf(L, warn_off, L);
    else if (strcmp(message, "on") == 0) lua_setwarnf(L, warn_on, L);
    return 1;
}

static void warn_off(void *ud, const char *message, int tocont) { warn_control((lua_State *)ud, message, tocont); }

static void warn_continue(void *ud, const char *message, int tocont) {
    lua_State *L = (lua_State *)ud;
    fputs(message, stderr);
    fflush(stderr);
    if (tocont) {
        lua_setwarnf(L, warn_continue, L);
    } else {
        fputs("\n", stderr);
        fflush(stderr);
        lua_setwarnf(L, warn_on, L);
    }
}

static void warn_on(void *ud, const char *message, int tocont) {
    if (warn_control((lua_State *)ud, message, tocont)) return;
    fputs("Lua warning: ", stderr);
    fflush(stderr);
    warn_continue(ud, message, tocont);
}

lua_State *aikit_newstate(aikit_limits *limits) {
    lua_State *L = lua_newstate(aikit_alloc, limits);
    if (L == NULL) return NULL;
    lua_atpanic(L, aikit_panic);
    lua_setwarnf(L, warn_off, L);
    *(aikit_limits **)lua_getextraspace(L) = limits;
    limits->main_state = L;
    return L;
}

aikit_limits *aikit_limits_of(lua_State *L) { return *(aikit_limits **)lua_getextraspace(L); }

void aikit_reset_limits(lua_State *L) {
    aikit_limits *lim = aikit_limits_of(L);
    lim->timed_out = 0;
    lim->interrupted = 0;
    aikit_set_interrupt(lim, 0);
    lim->cap_hit = 0;
    lim->memory_exceeded = 0;
    lim->deadline = 0;
    aikit_update_hook(L);  // the script's own hook back, or the host's at its cheap period while a cap stands
}

void aikit_refuse_memory(lua_State *L) {
    aikit_limits *lim = aikit_limits_of(L);
    lim->cap_hit = 1;
    aikit_trip(lim);
}

void aikit_set_timeout(lua_State *L, double seconds) {
    aikit_limits *lim = aikit_limits_of(L);
    lim->timeout_seconds = seconds;
    lim->deadline = seconds > 0 ? aikit_monotonic_seconds() + seconds : 0;
    aikit_update_hook(L);
}

static lua_State *volatile sigint_state = NULL;
static volatile sig_atomic_t sigint_second_ends_process = 1;

static void aikit_on_sigint(int sig) {
    (void)sig;
    lua_State *L = sigint_state;
    if (L == NULL) return;
    aikit_set_interrupt(aikit_limits_of(L), 1);
    // lua_sethook is documented as safe to call from a signal handler (lua.c's laction does this).
    aikit_trip(aikit_limits_of(L));
    // As lua.c: a second Ctrl-C ends the process, for code the hook cannot reach (a long host function, a
    // finalizer). The handler is armed again for the next statement. (A notebook kernel asks for every interrupt
    // to be an interrupt: its process must outlive the cell.)
    if (sigint_second_ends_process) signal(SIGINT, SIG_DFL);
}

void aikit_sigint_arm(lua_State *L, int second_ends_process) {
    sigint_state = L;
    sigint_second_ends_process = second_ends_process;
    aikit_limits *lim = aikit_limits_of(L);
    if (lim->watch_threads != !second_ends_process) {
        lim->watch_threads = !second_ends_process;
        aikit_update_hook(L);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = aikit_on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    // A parent may have left SIGINT blocked (a spawning thread's mask is inherited); Ctrl-C must reach us.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void aikit_sigint_disarm(void) {
    lua_State *L = sigint_state;
    sigint_state = NULL;
    signal(SIGINT, SIG_DFL);
    if (L != NULL && aikit_limits_of(L)->watch_threads) {
        aikit_limits_of(L)->watch_threads = 0;
        aikit_update_hook(L);
    }
}
