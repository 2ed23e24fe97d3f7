// Static inline wrappers for the parts of the Lua 5.4 C API that are macros and so cannot be imported
// into Swift. One prefixed wrapper per macro (as swift-nio's CNIOLinux does). Manual: https://www.lua.org/manual/5.4/manual.html#4
#ifndef CLUA_SHIM_H
#define CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_errfile(void) { return LUA_ERRFILE; }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline lua_Integer clua_ridx_globals(void) { return LUA_RIDX_GLOBALS; }

static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline void clua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void clua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void clua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline void clua_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline void clua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }

static inline const char *clua_tolstring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
static inline lua_Number clua_tonumber(lua_State *L, int idx, int *isnum) { return lua_tonumberx(L, idx, isnum); }
static inline lua_Integer clua_tointeger(lua_State *L, int idx, int *isnum) { return lua_tointegerx(L, idx, isnum); }

static inline int clua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline int clua_isfunction(lua_State *L, int idx) { return lua_isfunction(L, idx); }
static inline int clua_istable(lua_State *L, int idx) { return lua_istable(L, idx); }

static inline void *clua_getextraspace(lua_State *L) { return lua_getextraspace(L); }
static inline int clua_loadbuffer(lua_State *L, const char *buf, size_t size, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buf, size, name, mode);
}
static inline const char *clua_typename_at(lua_State *L, int idx) { return luaL_typename(L, idx); }
static inline int clua_getmetatable_named(lua_State *L, const char *name) { return luaL_getmetatable(L, name); }

/// An incremental GC step as if `kb` kilobytes had been allocated (lua_gc is variadic, so not importable).
static inline int clua_gcstep(lua_State *L, int kb) { return lua_gc(L, LUA_GCSTEP, kb); }
/// The generational collector with its default parameters, as lua.c's pmain sets it.
static inline int clua_gcgenerational(lua_State *L) { return lua_gc(L, LUA_GCGEN, 0, 0); }

#endif
