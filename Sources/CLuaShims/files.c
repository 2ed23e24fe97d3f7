// Lua io file handles made from descriptors the host opened itself (the plugin sandbox decides and opens in Swift,
// then hands Lua an ordinary file object, as liolib's io.open would).
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static int aikit_file_close(lua_State *L) {
    luaL_Stream *p = (luaL_Stream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
    errno = 0;
    return luaL_fileresult(L, fclose(p->f) == 0, NULL);
}

static int pushfile_body(lua_State *L) {
    FILE *f = (FILE *)lua_touserdata(L, 1);
    luaL_Stream *p = (luaL_Stream *)lua_newuserdatauv(L, sizeof(luaL_Stream), 0);
    p->closef = NULL;  // a closed file until fully made, as liolib's newprefile
    luaL_setmetatable(L, LUA_FILEHANDLE);
    p->f = f;
    p->closef = &aikit_file_close;
    return 1;
}

int aikit_pushfile(lua_State *L, int fd, const char *mode) {
    FILE *f = fdopen(fd, mode);
    if (f == NULL) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    lua_pushlightuserdata(L, f);
    int status = aikit_pcallc(L, pushfile_body, 1, 1);
    if (status != LUA_OK) fclose(f);
    return status;
}
