// Bulk helpers: one call per table element instead of four or five (value conversion of large arrays).
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>

int aikit_rawgeti_scalar(lua_State *L, int t, lua_Integer k, aikit_scalar *out) {
    int type = lua_rawgeti(L, t, k);
    out->type = type;
    switch (type) {
    case LUA_TNIL:
        lua_pop(L, 1);
        return 0;
    case LUA_TBOOLEAN:
        out->boolean = lua_toboolean(L, -1);
        lua_pop(L, 1);
        return 0;
    case LUA_TNUMBER:
        out->is_integer = lua_isinteger(L, -1);
        if (out->is_integer) out->integer = lua_tointeger(L, -1);
        else out->number = lua_tonumber(L, -1);
        lua_pop(L, 1);
        return 0;
    default:
        return 1;
    }
}

void aikit_rawseti_integer(lua_State *L, lua_Integer k, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_rawseti(L, -2, k);
}

void aikit_rawseti_number(lua_State *L, lua_Integer k, lua_Number v) {
    lua_pushnumber(L, v);
    lua_rawseti(L, -2, k);
}

size_t aikit_rawgeti_scalars(lua_State *L, int t, lua_Integer first, size_t n, aikit_scalar *out) {
    t = lua_absindex(L, t);
    for (size_t i = 0; i < n; i++) {
        if (aikit_rawgeti_scalar(L, t, first + (lua_Integer)i, &out[i])) {
            lua_pop(L, 1);
            return i;
        }
        if (out[i].type == LUA_TNIL) return i + 1;
    }
    return n;
}

void aikit_rawseti_scalars(lua_State *L, lua_Integer first, size_t n, const aikit_scalar *in) {
    for (size_t i = 0; i < n; i++) {
        const aikit_scalar *v = &in[i];
        if (v->type == LUA_TBOOLEAN) lua_pushboolean(L, v->boolean);
        else if (v->is_integer) lua_pushinteger(L, v->integer);
        else lua_pushnumber(L, v->number);
        lua_rawseti(L, -2, first + (lua_Integer)i);
    }
}

int aikit_next_skipping(lua_State *L, int t, lua_Integer n) {
    t = lua_absindex(L, t);
    while (lua_next(L, t)) {
        if (lua_isinteger(L, -2)) {
            lua_Integer k = lua_tointeger(L, -2);
            if (k >= 1 && k <= n) {
                lua_pop(L, 1);
                continue;
            }
        }
        return 1;
    }
    return 0;
}

int aikit_next(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

int aikit_fill_lazy(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx)) return LUA_OK;
    lua_pushliteral(L, "__aikit_fill");
    if (lua_rawget(L, -2) != LUA_TFUNCTION) {
        lua_pop(L, 2);
        return LUA_OK;
    }
    lua_remove(L, -2);
    lua_pushvalue(L, idx);
    return aikit_pcall(L, 1, 0, 0);
}
