// The host's hook: installed only while a limit is active (a deadline or a memory cap) or once one has tripped
// (a signal, a refused allocation), as lua.c installs its hook only when SIGINT arrives (laction/lstop).
//
// A script's own hook (debug.sethook) is chained, not replaced: while the host's hook sits on a thread, the
// script's settings for that thread are kept aside (the main thread's in aikit_limits, other threads' in a weak
// registry table), the host's hook forwards the events the script asked for to the hook ldblib installed, and the
// wrapped debug.sethook / debug.gethook read and write those settings. So a script cannot switch a limit off, and
// debug.gethook() returns exactly what the script set (nil when it set nothing).
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdio.h>

#define TRIPPED_MASK (LUA_MASKCOUNT | LUA_MASKCALL | LUA_MASKRET)
/// Registry key of the weak table thread -> aikit_user_hook (threads other than the main one).
static const char *const USER_HOOKS = "aikit.userhooks";
/// ldblib's registry key for its table thread -> hook function (stable through Lua 5.4.x).
static const char *const LDBLIB_HOOKKEY = "_HOOKKEY";

static int limits_active(const aikit_limits *lim) { return lim->deadline > 0 || lim->cap != 0 || lim->watch_threads; }

static int limits_tripped(const aikit_limits *lim) {
    return aikit_interrupt_raised(lim) || lim->cap_hit || lim->timed_out || lim->interrupted || lim->memory_exceeded;
}

/// The script's hook settings for thread T, or NULL (none, or T is not the main thread and has no record).
static aikit_user_hook *user_hook_of(lua_State *L, lua_State *T) {
    aikit_limits *lim = aikit_limits_of(L);
    if (T == lim->main_state) return lim->main_user.hook != NULL ? &lim->main_user : NULL;
    if (!lim->other_user_hooks) return NULL;
    aikit_user_hook *found = NULL;
    if (lua_getfield(L, LUA_REGISTRYINDEX, USER_HOOKS) == LUA_TTABLE) {
        lua_pushthread(T);
        lua_xmove(T, L, 1);
        if (lua_rawget(L, -2) == LUA_TUSERDATA) found = (aikit_user_hook *)lua_touserdata(L, -1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return found != NULL && found->hook != NULL ? found : NULL;
}

/// The host's hook on T, forwarding what `user` asked for (count events at exactly the script's interval).
static void install_host_hook(lua_State *T, aikit_limits *lim, const aikit_user_hook *user) {
    if (limits_tripped(lim)) {
        lua_sethook(T, aikit_hook, TRIPPED_MASK, 1);
        return;
    }
    int interval = lim->hook_count > 0 ? lim->hook_count : 1000;
    int mask = LUA_MASKCOUNT;
    if (user != NULL) {
        mask |= user->mask;
        if ((user->mask & LUA_MASKCOUNT) && user->remaining < interval) interval = user->remaining;
    }
    lua_sethook(T, aikit_hook, mask, interval);
}

/// Raises when a limit has passed; once tripped, the hook fires on every instruction, call and return and raises
/// each time, so a pcall in the script cannot swallow it (Redis's script_lua.c does the same for its time limit).
static void check_limits(lua_State *L, aikit_limits *lim, int count_event) {
    if (aikit_interrupt_raised(lim)) lim->interrupted = 1;
    if (count_event && !lim->timed_out && lim->deadline > 0 && aikit_monotonic_seconds() > lim->deadline) {
        lim->timed_out = 1;
    }
    if (lim->cap_hit && lim->cap != 0) lim->memory_exceeded = 1;
    if (!(lim->timed_out || lim->interrupted || lim->memory_exceeded)) return;
    lua_sethook(L, aikit_hook, TRIPPED_MASK, 1);
    // A coroutine's error ends at its resume; the thread that resumed it must stop too.
    if (L != lim->main_state) aikit_trip(lim);
    if (lim->memory_exceeded && !lim->timed_out && !lim->interrupted) {
        // A pcall caught the allocation failure; free what the failed code left and stop the chunk anyway.
        lim->lua_running = 0;
        lua_gc(L, LUA_GCCOLLECT);
        lim->lua_running = 1;
        char mb[32];
        snprintf(mb, sizeof mb, "%g", (double)lim->cap / 1048576.0);
        luaL_error(L, "script exceeded its %s MB memory limit", mb);
    }
    if (lim->timed_out) {
        char secs[32];
        snprintf(secs, sizeof secs, "%g", lim->timeout_seconds);
        luaL_error(L, "script exceeded its %s s time limit", secs);
    }
    luaL_error(L, "interrupted!");
}

/// True for the call and the return of the traceback message handler and of the outermost C function that runs a
/// main chunk (`aikit_pcall_main`): once the limit's error is raised, a tripped hook raising again there would
/// replace it (and its traceback) by a second error, raised under the outer protected call that has no message
/// handler. (The same C function reached from Lua, through debug.getinfo, is not skipped: a C loop calling it, such
/// as string.gsub, would otherwise run on past the limit until the watchdog.)
static int is_host_frame_event(lua_State *L, lua_Debug *ar) {
    if (ar->event != LUA_HOOKCALL && ar->event != LUA_HOOKRET) return 0;
    if (!lua_getinfo(L, "f", ar)) return 0;
    lua_CFunction function = lua_tocfunction(L, -1);
    lua_pop(L, 1);
    lua_Debug caller;
    return aikit_is_host_frame(function, !lua_getstack(L, 1, &caller));
}

void aikit_hook(lua_State *L, lua_Debug *ar) {
    aikit_limits *lim = aikit_limits_of(L);
    int count_event = ar->event == LUA_HOOKCOUNT;
    if (count_event || (limits_tripped(lim) && !is_host_frame_event(L, ar))) check_limits(L, lim, count_event);
    aikit_user_hook *user = user_hook_of(L, L);
    if (user == NULL) return;
    if (count_event) {
        if (!(user->mask & LUA_MASKCOUNT)) return;
        user->remaining -= lua_gethookcount(L);
        int fire = user->remaining <= 0;
        if (fire) user->remaining = user->count;
        int interval = lim->hook_count > 0 ? lim->hook_count : 1000;
        int next = user->remaining < interval ? user->remaining : interval;
        if (next != lua_gethookcount(L)) lua_sethook(L, aikit_hook, lua_gethookmask(L), next);
        if (fire) user->hook(L, ar);
        return;
    }
    int bit = ar->event == LUA_HOOKTAILCALL ? LUA_MASKCALL : (1 << ar->event);
    if (user->mask & bit) user->hook(L, ar);
}

/// Keeps the main thread's current hook as the script's, if it is not the host's.
static void capture_main_hook(aikit_limits *lim) {
    lua_State *M = lim->main_state;
    lua_Hook hook = lua_gethook(M);
    if (hook == aikit_hook) return;
    lim->main_user.hook = hook;
    lim->main_user.mask = lua_gethookmask(M);
    lim->main_user.count = lua_gethookcount(M);
    lim->main_user.remaining = lim->main_user.count;
}

void aikit_update_hook(lua_State *L) {
    aikit_limits *lim = aikit_limits_of(L);
    lua_State *M = lim->main_state;
    capture_main_hook(lim);
    if (limits_active(lim) || limits_tripped(lim)) {
        install_host_hook(M, lim, lim->main_user.hook != NULL ? &lim->main_user : NULL);
    } else {
        lua_sethook(M, lim->main_user.hook, lim->main_user.hook != NULL ? lim->main_user.mask : 0,
                    lim->main_user.count);
    }
}

void aikit_trip(aikit_limits *lim) {
    // Only stores: safe in a signal handler and in the allocator, like lua.c's laction.
    capture_main_hook(lim);
    lua_sethook(lim->main_state, aikit_hook, TRIPPED_MASK, 1);
}

static lua_State *hook_target(lua_State *L) { return lua_type(L, 1) == LUA_TTHREAD ? lua_tothread(L, 1) : L; }

/// debug.sethook: ldblib's own (upvalue 1) does the work on the same stack, so its argument errors and its
/// registry bookkeeping are lua.c's; where the host's hook is needed, the result becomes the script's settings.
static int aikit_db_sethook(lua_State *L) {
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    lua_State *T = hook_target(L);
    aikit_limits *lim = aikit_limits_of(L);
    int host_there = lua_gethook(T) == aikit_hook;
    int results = original(L);
    if (!host_there && !limits_active(lim)) return results;
    aikit_user_hook settings = {lua_gethook(T), lua_gethookmask(T), lua_gethookcount(T), lua_gethookcount(T)};
    aikit_user_hook *user;
    if (T == lim->main_state) {
        lim->main_user = settings;
        user = &lim->main_user;
    } else {
        if (lua_getfield(L, LUA_REGISTRYINDEX, USER_HOOKS) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_createtable(L, 0, 2);
            lua_pushliteral(L, "k");
            lua_setfield(L, -2, "__mode");
            lua_pushvalue(L, -1);
            lua_setmetatable(L, -2);
            lua_pushvalue(L, -1);
            lua_setfield(L, LUA_REGISTRYINDEX, USER_HOOKS);
        }
        if (!lua_checkstack(T, 1)) luaL_error(L, "stack overflow");
        lua_pushthread(T);
        lua_xmove(T, L, 1);
        user = (aikit_user_hook *)lua_newuserdatauv(L, sizeof(aikit_user_hook), 0);
        *user = settings;
        lua_rawset(L, -3);
        lua_pop(L, 1);
        lim->other_user_hooks = 1;
    }
    install_host_hook(T, lim, settings.hook != NULL ? user : NULL);
    return results;
}

/// debug.gethook: where the host's hook sits, what the script set (as ldblib's db_gethook reports its own hook).
static int aikit_db_gethook(lua_State *L) {
    lua_State *T = hook_target(L);
    if (lua_gethook(T) != aikit_hook) return lua_tocfunction(L, lua_upvalueindex(1))(L);
    aikit_user_hook *user = user_hook_of(L, T);
    if (user == NULL) {
        luaL_pushfail(L);
        return 1;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, LDBLIB_HOOKKEY);
    if (!lua_checkstack(T, 1)) luaL_error(L, "stack overflow");
    lua_pushthread(T);
    lua_xmove(T, L, 1);
    lua_rawget(L, -2);
    lua_remove(L, -2);
    char mask[4];
    int i = 0;
    if (user->mask & LUA_MASKCALL) mask[i++] = 'c';
    if (user->mask & LUA_MASKRET) mask[i++] = 'r';
    if (user->mask & LUA_MASKLINE) mask[i++] = 'l';
    mask[i] = '\0';
    lua_pushstring(L, mask);
    lua_pushinteger(L, user->count);
    return 3;
}

/// Replaces debug.sethook and debug.gethook (when the debug library is open) by the wrappers above.
static void wrap_debug_hooks(lua_State *L) {
    if (lua_getglobal(L, "debug") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    static const struct { const char *name; lua_CFunction wrapper; } wrapped[] = {
        {"sethook", aikit_db_sethook},
        {"gethook", aikit_db_gethook},
    };
    for (int i = 0; i < 2; i++) {
        if (lua_getfield(L, -1, wrapped[i].name) != LUA_TFUNCTION || !lua_iscfunction(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushcclosure(L, wrapped[i].wrapper, 1);
        lua_setfield(L, -2, wrapped[i].name);
    }
    lua_pop(L, 1);
}

static int openlibs_body(lua_State *L) {
    if (lua_toboolean(L, 1)) {  // as lua.c's -E: the package library then ignores LUA_PATH and LUA_CPATH
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
    }
    luaL_openlibs(L);
    wrap_debug_hooks(L);
    return 0;
}

int aikit_openlibs(lua_State *L, int ignore_environment) {
    lua_pushboolean(L, ignore_environment);
    return aikit_pcallc(L, openlibs_body, 1, 0);
}

const char *aikit_lua_copyright(void) { return LUA_COPYRIGHT; }
