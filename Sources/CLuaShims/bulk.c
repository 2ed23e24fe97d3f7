// Bulk helpers: one call per table element instead of four or five (value conversion of large arrays).
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <math.h>

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

/// Elements pushed before they are read and popped together (fewer calls per element than one at a time).
enum { AIKIT_BULK_BATCH = 64 };

size_t aikit_rawgeti_numbers(lua_State *L, int t, lua_Integer first, size_t n, int integers, void *out) {
    if (!lua_checkstack(L, AIKIT_BULK_BATCH)) return 0;
    t = lua_absindex(L, t);
    int base = lua_gettop(L);
    size_t done = 0;
    while (done < n) {
        int batch = n - done < AIKIT_BULK_BATCH ? (int)(n - done) : AIKIT_BULK_BATCH;
        int types[AIKIT_BULK_BATCH];
        for (int i = 0; i < batch; i++) types[i] = lua_rawgeti(L, t, first + (lua_Integer)(done + i));
        int i = 0;
        for (; i < batch; i++) {
            int idx = base + 1 + i;
            if (types[i] != LUA_TNUMBER) break;
            if (integers) {
                if (!lua_isinteger(L, idx)) break;
                ((lua_Integer *)out)[done + i] = lua_tointegerx(L, idx, NULL);
            } else {
                lua_Number x = lua_tonumberx(L, idx, NULL);
                // An integer converts to a whole number: only then is the subtype worth asking.
                if (x == floor(x) && lua_isinteger(L, idx)) break;
                ((lua_Number *)out)[done + i] = x;
            }
        }
        lua_settop(L, base);
        done += (size_t)i;
        if (i < batch) break;
    }
    return done;
}

void aikit_rawseti_floats(lua_State *L, lua_Integer first, size_t n, const lua_Number *in) {
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, in[i]);
        lua_rawseti(L, -2, first + (lua_Integer)i);
    }
}

void aikit_rawseti_integers(lua_State *L, lua_Integer first, size_t n, const lua_Integer *in) {
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, in[i]);
        lua_rawseti(L, -2, first + (lua_Integer)i);
    }
}
