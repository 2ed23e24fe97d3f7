// Protected calls: everything Swift does that could raise runs inside lua_pcall.
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <stdio.h>

int aikit_msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int aikit_pcall(lua_State *L, int nargs, int nresults, int traceback) {
    aikit_limits *lim = aikit_limits_of(L);
    int func = lua_gettop(L) - nargs;
    int base = 0;
    if (traceback) {
        base = func;
        lua_pushcfunction(L, aikit_msghandler);
        lua_insert(L, base);
    }
    int saved = lim->lua_running;
    lim->lua_running = 1;
    int status = lua_pcall(L, nargs, nresults, base);
    lim->lua_running = saved;
    if (traceback) lua_remove(L, base);
    if (status == LUA_OK && !saved && lim->cap != 0 && lim->cap_hit) {
        // The chunk swallowed the allocation failure and ended before the hook could stop it: it still failed.
        lua_settop(L, func - 1);
        lim->memory_exceeded = 1;
        char mb[32];
        snprintf(mb, sizeof mb, "%g", (double)lim->cap / 1048576.0);
        lua_pushfstring(L, "script exceeded its %s MB memory limit", mb);
        status = LUA_ERRRUN;
    }
    return status;
}

int aikit_pcallc(lua_State *L, lua_CFunction f, int nargs, int nresults) {
    aikit_limits *lim = aikit_limits_of(L);
    lua_pushcfunction(L, f);
    lua_insert(L, -(nargs + 1));
    int saved = lim->lua_running;
    lim->lua_running = 1;
    int status = lua_pcall(L, nargs, nresults, 0);
    lim->lua_running = saved;
    return status;
}

static int tolstring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int aikit_ptolstring(lua_State *L, int idx) {
    lua_pushvalue(L, idx);
    return aikit_pcallc(L, tolstring_body, 1, 1);
}

static int gettable_body(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}

int aikit_pgettable(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushvalue(L, idx);
    lua_insert(L, -2);
    return aikit_pcallc(L, gettable_body, 2, 1);
}

int aikit_pgetfield(lua_State *L, int idx, const char *k) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    return aikit_pgettable(L, idx);
}

/// lua.c's docall, run as a C function (pmain's place): the called function's results, then the status.
static int main_body(lua_State *L) {
    int nresults = (int)lua_tointeger(L, lua_upvalueindex(1));
    int nargs = lua_gettop(L) - 1;
    // pmain's frame holds argc and argv below the handler; two placeholders keep the stack as deep as lua.c's
    // (a stack overflow's traceback then skips the same number of levels).
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushcfunction(L, aikit_msghandler);
    lua_rotate(L, 1, 3);
    int status = lua_pcall(L, nargs, nresults, 3);
    lua_rotate(L, 1, -3);
    lua_pop(L, 3);
    lua_pushinteger(L, status);
    return lua_gettop(L);
}

int aikit_is_host_frame(lua_CFunction f, int outermost) {
    return f != NULL && (f == aikit_msghandler || (f == main_body && outermost));
}

int aikit_pcall_main(lua_State *L, int nargs, int nresults) {
    int func = lua_gettop(L) - nargs;
    lua_pushinteger(L, nresults);
    lua_pushcclosure(L, main_body, 1);
    lua_insert(L, func);
    int status = aikit_pcall(L, nargs + 1, LUA_MULTRET, 0);
    if (status != LUA_OK) return status;
    status = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return status;
}
