// The only code in aikit that raises Lua errors (lua_error / longjmp). Swift host functions return a status
// with the error message already pushed; the trampoline here raises it, so no Swift frame is ever unwound.
// Precedents: mlua's callback wrapper, sol2's trampoline, Redis's script_lua.c (count hook), lua.c (msghandler, SIGINT).
#ifndef CLUASHIMS_H
#define CLUASHIMS_H

#include <stddef.h>
#include <signal.h>
#include <lua5.4/lua.h>

/// Status a Swift dispatcher returns instead of a result count.
enum {
    /// The error value is on top of the stack; raise it as it is.
    AIKIT_RAISE = -1,
    /// An error message is on top of the stack; prefix the caller's "file:line:" and raise it.
    AIKIT_RAISE_WITH_WHERE = -2,
};

/// A script's own hook settings (what debug.sethook installed) while the host's hook stands in for it.
typedef struct aikit_user_hook {
    lua_Hook hook;             ///< ldblib's hook function, or NULL for none
    int mask;
    int count;                 ///< the count the script gave
    int remaining;             ///< instructions until the script's next count event
} aikit_user_hook;

/// Per-state limits and bookkeeping; the allocator's userdata and the pointer in the state's extra space.
typedef struct aikit_limits {
    size_t used;               ///< bytes Lua holds now
    size_t peak;               ///< most bytes Lua held at once
    size_t cap;                ///< 0 = no cap
    size_t external;           ///< bytes host objects hold outside Lua's heap for this state (counted in the cap)
    int lua_running;           ///< 1 while Lua code runs (the cap is enforced only then; see aikit_alloc)
    int cap_hit;               ///< an allocation was refused because of the cap
    double deadline;           ///< CLOCK_MONOTONIC seconds; 0 = none
    double timeout_seconds;    ///< for the message
    int timed_out;             ///< the deadline passed (sticky until aikit_reset_limits)
    int *interrupt_flag;       ///< the Swift InterruptFlag's atomic int (set by the SIGINT handler); NULL = none
    int interrupted;           ///< an interrupt was raised (sticky until aikit_reset_limits)
    int memory_exceeded;       ///< the cap was hit and the hook now raises on every instruction (sticky)
    int hook_count;            ///< instructions between checks
    void *owner;               ///< the Swift LuaState (unretained)
    lua_State *main_state;     ///< the state's main thread (the allocator sets its hook when the cap is hit)
    aikit_user_hook main_user; ///< the script's hook on the main thread while the host's stands in for it
    int other_user_hooks;      ///< some other thread has a record in the registry's user-hook table
    int watch_threads;         ///< keep the host's count hook on while armed, so every coroutine inherits it
} aikit_limits;

/// Whether the state's interrupt flag is raised (an atomic read: the flag is written by signal handlers and threads).
static inline int aikit_interrupt_raised(const aikit_limits *lim) {
    return lim->interrupt_flag != NULL && __atomic_load_n(lim->interrupt_flag, __ATOMIC_RELAXED) != 0;
}
/// Raises (1) or lowers (0) the state's interrupt flag (lock-free, so safe in a signal handler).
static inline void aikit_set_interrupt(aikit_limits *lim, int value) {
    if (lim->interrupt_flag != NULL) __atomic_store_n(lim->interrupt_flag, value, __ATOMIC_RELAXED);
}

/// Called by the trampoline: returns the number of results, or AIKIT_RAISE / AIKIT_RAISE_WITH_WHERE.
typedef int (*aikit_dispatch_fn)(lua_State *L, void *box);
/// Called when Lua collects (or closes) a value holding a retained Swift box.
typedef void (*aikit_release_fn)(void *box);

/// Installs the Swift side's dispatcher and releaser (once per process).
void aikit_set_callbacks(aikit_dispatch_fn dispatch, aikit_release_fn release);

/// A new state whose allocator honours `limits` (which must outlive the state); NULL when out of memory.
lua_State *aikit_newstate(aikit_limits *limits);
/// The limits of a state made by aikit_newstate.
aikit_limits *aikit_limits_of(lua_State *L);
/// Clears the sticky flags after a top-level call returned.
void aikit_reset_limits(lua_State *L);
/// Sets (seconds > 0) or clears (0) the wall-clock deadline and installs the checking count hook.
void aikit_set_timeout(lua_State *L, double seconds);
/// Marks the memory cap as hit by work done outside Lua's allocator (host functions), so the script stops as if
/// Lua's own allocation had failed: at the next instruction, whatever pcall it is in.
void aikit_refuse_memory(lua_State *L);
/// Installs the host's hook on the main thread while a limit is active (a deadline or a memory cap), chaining the
/// script's own; otherwise puts the script's own hook back (or none), as lua.c runs without a hook.
void aikit_update_hook(lua_State *L);
/// Makes the main thread's next instruction run the host's hook (which raises). Async-signal-safe.
void aikit_trip(aikit_limits *lim);
/// The host's hook (limits, interrupts, and the script's own hook chained).
void aikit_hook(lua_State *L, lua_Debug *ar);
/// luaL_openlibs, with debug.sethook/gethook that keep the host's hook; `ignore_environment` sets the registry's
/// LUA_NOENV first, as lua.c's -E (the package library then ignores LUA_PATH and LUA_CPATH).
/// Returns a Lua status (message on the stack on error).
int aikit_openlibs(lua_State *L, int ignore_environment);
/// LUA_COPYRIGHT of the Lua headers aikit was built with (what lua.c's -v prints).
const char *aikit_lua_copyright(void);
/// lua_pcall as lua.c's docall inside pmain: the function runs below a C frame (tracebacks end in "[C]: in ?"),
/// with the traceback message handler and the cap enforced. Never raises.
int aikit_pcall_main(lua_State *L, int nargs, int nresults);
/// True for the traceback message handler, and for the C function `aikit_pcall_main` runs a chunk in when it is the
/// outermost frame: the host's hook does not raise a tripped limit at their call or return (that would replace the
/// error being reported).
int aikit_is_host_frame(lua_CFunction f, int outermost);

/// Pushes a C closure that calls the Swift box through the dispatcher. The box (already retained) is owned by Lua
/// from then on and released by its collector. Must not be called while Lua code could be interrupted mid-way.
void aikit_pushhostfunction(lua_State *L, void *box);
/// Pushes a full userdata owning `box` with the metatable registered under `tname` (which must exist).
void aikit_pushobject(lua_State *L, void *box, const char *tname);
/// The box of the userdata at idx if it has metatable `tname` and is still open, else NULL. Never raises.
void *aikit_toobject(lua_State *L, int idx, const char *tname);
/// Makes the metatable `tname` (with __name, __gc and __close releasing the box); leaves it on the stack.
/// Returns 1 if it was created now, 0 if it existed.
int aikit_newclass(lua_State *L, const char *tname);

/// lua_pcall with the traceback message handler and the cap enforced while Lua runs. Never raises.
int aikit_pcall(lua_State *L, int nargs, int nresults, int traceback);
/// Calls the C function f under lua_pcall with nargs arguments from the stack. Never raises.
int aikit_pcallc(lua_State *L, lua_CFunction f, int nargs, int nresults);

/// Protected helpers for API calls that may run metamethods (and so raise). Each returns a Lua status code;
/// on error the message is on the stack top.
int aikit_ptolstring(lua_State *L, int idx);     ///< pushes luaL_tolstring(idx) (honours __tostring / __name)
int aikit_pgettable(lua_State *L, int idx);      ///< t[k] with k on top: pops k, pushes the value
int aikit_pgetfield(lua_State *L, int idx, const char *k);

/// The message handler of lua.c: adds a traceback to a string error; converts other values with __tostring.
int aikit_msghandler(lua_State *L);

/// SIGINT handling: while a state is armed, Ctrl-C makes the running chunk fail with "interrupted!".
/// A signal can only set the hook of the main thread (Lua has no "running thread" to ask for), so a coroutine
/// looping when it arrives is reached through the count hook every coroutine inherits from the thread that
/// created it. With `second_ends_process` (lua.c's rule) that hook is installed only when a limit stands and a
/// second Ctrl-C is the way out; without it (a notebook kernel, which must outlive the cell) the host's count hook
/// stays on the main thread while armed, so every coroutine created meanwhile can be interrupted.
void aikit_sigint_arm(lua_State *L, int second_ends_process);
void aikit_sigint_disarm(void);
/// Pushes descriptor `fd` as a Lua io file handle opened with `mode` (the io library must be open). Returns
/// LUA_OK, a Lua error status (message on the stack), or -1 if fdopen failed (errno set). fd is closed on failure.
int aikit_pushfile(lua_State *L, int fd, const char *mode);
/// The bytes a plugin's file handles may write (`limit`), have written (`used`), and that the host wrote for it
/// elsewhere (`elsewhere`: reports, CSV files, stores, measured by the host). Shared by reference count.
typedef struct aikit_write_quota {
    long long limit;
    long long used;
    long long elsewhere;
    int refused;               ///< a write was refused for the quota
    int references;
} aikit_write_quota;
/// A quota with one reference (the caller's); NULL when out of memory.
aikit_write_quota *aikit_write_quota_new(long long limit);
void aikit_write_quota_release(aikit_write_quota *quota);
/// As aikit_pushfile, but writes through the handle count against `quota` and fail with EDQUOT past it (the
/// handle takes a reference). Requires _GNU_SOURCE's fopencookie (glibc).
int aikit_pushfile_quota(lua_State *L, int fd, const char *mode, aikit_write_quota *quota);
/// A last resort for limits Lua cannot enforce (hooks are off in finalizers and error handlers, host functions run
/// without them): a thread that, if the earliest armed deadline passes, writes `message` to standard error and ends
/// the process with `status`. Arms nest; returns a token for aikit_watchdog_disarm (-1 if too deeply nested).
int aikit_watchdog_arm(double deadline, const char *message, int status);
/// Disarms the arm `token` and every arm made after it.
void aikit_watchdog_disarm(int token);
/// Seconds on CLOCK_MONOTONIC.
double aikit_monotonic_seconds(void);


/// One element of a table read in a single call (the bulk paths of value conversion).
typedef struct aikit_scalar {
    int type;            ///< lua_type of t[k]
    int is_integer;
    lua_Integer integer;
    lua_Number number;
    int boolean;
} aikit_scalar;

/// Reads t[k] (raw) into `out`. nil, booleans and numbers are popped again; any other value is left on the stack
/// for the caller to read and pop. Returns 1 if a value was left on the stack.
int aikit_rawgeti_scalar(lua_State *L, int t, lua_Integer k, aikit_scalar *out);
/// Reads t[first], t[first+1], ... into out[0..n-1], stopping before the first value that is not nil, a boolean
/// or a number, and after the first nil. Returns how many entries of `out` were filled. Leaves the stack as it was.
size_t aikit_rawgeti_scalars(lua_State *L, int t, lua_Integer first, size_t n, aikit_scalar *out);
/// Sets t[first + i] = in[i] (raw) for i in 0..<n, for the table on top of the stack; `in` holds numbers and booleans.
void aikit_rawseti_scalars(lua_State *L, lua_Integer first, size_t n, const aikit_scalar *in);
/// Reads t[first], t[first+1], ... (raw) into out[0..n-1] while each is a float (`integers` 0: out is lua_Number[])
/// or each an integer (`integers` 1: out is lua_Integer[]); returns how many were read (the element after them is
/// not one, or n were read). Leaves the stack as it was; reads nothing if the stack cannot grow by 64 slots.
size_t aikit_rawgeti_numbers(lua_State *L, int t, lua_Integer first, size_t n, int integers, void *out);
/// Sets t[first + i] = in[i] (raw) for i in 0..<n, for the table on top of the stack (floats, or integers).
void aikit_rawseti_floats(lua_State *L, lua_Integer first, size_t n, const lua_Number *in);
void aikit_rawseti_integers(lua_State *L, lua_Integer first, size_t n, const lua_Integer *in);
/// lua_next, skipping entries whose key is an integer in 1...n (the sequence part a caller already read).
int aikit_next_skipping(lua_State *L, int t, lua_Integer n);
/// t[k] = v (raw) for the table on top of the stack, in one call.
void aikit_rawseti_integer(lua_State *L, lua_Integer k, lua_Integer v);
void aikit_rawseti_number(lua_State *L, lua_Integer k, lua_Number v);
/// Lua's `next` (what `pairs` returns for tables), for a `__pairs` metamethod.
int aikit_next(lua_State *L);
/// If the table at idx has lazy fields still to fill (its metatable's `__aikit_fill`), fills them, protected.
/// Returns a Lua status (the message on the stack on error).
int aikit_fill_lazy(lua_State *L, int idx);
#endif
