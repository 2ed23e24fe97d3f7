// The call trampoline for Swift host functions and the userdata that own Swift objects.
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <stddef.h>
#include <string.h>

static aikit_dispatch_fn swift_dispatch = NULL;
static aikit_release_fn swift_release = NULL;

void aikit_set_callbacks(aikit_dispatch_fn dispatch, aikit_release_fn release) {
    swift_dispatch = dispatch;
    swift_release = release;
}

static const char *const BOX_CLASS = "aikit.hostfunction";

/// __gc / __close of any userdata holding a box: release it once and mark the userdata closed.
static int aikit_box_release(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot != NULL && *slot != NULL) {
        void *box = *slot;
        *slot = NULL;
        swift_release(box);
    }
    return 0;
}

/// luaL_where for the nearest caller that is not aikit's own Lua (chunks named "=(aikit ...)", such as the plugin
/// sandbox's wrappers), so an error names the line of the script or plugin that made the call.
static void aikit_where(lua_State *L) {
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (strncmp(ar.source, "=(aikit ", 8) == 0) continue;
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
        break;
    }
    lua_pushliteral(L, "");
}

static int aikit_trampoline(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    aikit_limits *lim = aikit_limits_of(L);
    int saved = lim->lua_running;
    lim->lua_running = 0;
    int n = swift_dispatch(L, *slot);
    lim->lua_running = saved;
    if (n >= 0) return n;
    if (n == AIKIT_RAISE_WITH_WHERE && lua_type(L, -1) == LUA_TSTRING) {
        aikit_where(L);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

void aikit_pushhostfunction(lua_State *L, void *box) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    if (luaL_newmetatable(L, BOX_CLASS)) {
        lua_pushcfunction(L, aikit_box_release);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, aikit_trampoline, 1);
}

int aikit_newclass(lua_State *L, const char *tname) {
    if (!luaL_newmetatable(L, tname)) return 0;
    lua_pushcfunction(L, aikit_box_release);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, aikit_box_release);
    lua_setfield(L, -2, "__close");
    return 1;
}

void aikit_pushobject(lua_State *L, void *box, const char *tname) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    luaL_setmetatable(L, tname);
}

void *aikit_toobject(lua_State *L, int idx, const char *tname) {
    void **slot = (void **)luaL_testudata(L, idx, tname);
    return slot == NULL ? NULL : *slot;
}
