// Lua io file handles made from descriptors the host opened itself (the plugin sandbox decides and opens in Swift,
// then hands Lua an ordinary file object, as liolib's io.open would).
#define _GNU_SOURCE  // fopencookie, lseek64
#include "CLuaShims.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
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

/// Pushes `f` (or, when NULL, closes what `release` frees and returns -1 with errno kept) as a Lua file handle.
static int push_stream(lua_State *L, FILE *f, int (*release)(void *), void *resource) {
    if (f == NULL) {
        int saved = errno;
        release(resource);
        errno = saved;
        return -1;
    }
    lua_pushlightuserdata(L, f);
    int status = aikit_pcallc(L, pushfile_body, 1, 1);
    if (status != LUA_OK) fclose(f);
    return status;
}

static int close_descriptor(void *fd) { return close((int)(intptr_t)fd); }

int aikit_pushfile(lua_State *L, int fd, const char *mode) {
    return push_stream(L, fdopen(fd, mode), close_descriptor, (void *)(intptr_t)fd);
}

// A write quota: the bytes a plugin's file handles may write, shared by every handle it opens. Held by the host and
// by each open handle (the last release frees it), so a handle closed by Lua's collector after the host is gone
// still finds it.

aikit_write_quota *aikit_write_quota_new(long long limit) {
    aikit_write_quota *quota = calloc(1, sizeof *quota);
    if (quota == NULL) return NULL;
    quota->limit = limit;
    quota->references = 1;
    return quota;
}

void aikit_write_quota_release(aikit_write_quota *quota) {
    if (quota != NULL && --quota->references == 0) free(quota);
}

typedef struct quota_cookie {
    int fd;
    aikit_write_quota *quota;
} quota_cookie;

static ssize_t quota_read(void *cookie, char *buffer, size_t size) {
    return read(((quota_cookie *)cookie)->fd, buffer, size);
}

static ssize_t quota_write(void *cookie, const char *buffer, size_t size) {
    quota_cookie *file = cookie;
    aikit_write_quota *quota = file->quota;
    if (quota->used + quota->elsewhere + (long long)size > quota->limit) {
        quota->refused = 1;
        errno = EDQUOT;
        return -1;
    }
    ssize_t written = write(file->fd, buffer, size);
    if (written > 0) quota->used += written;
    return written;
}

static int quota_seek(void *cookie, off64_t *offset, int whence) {
    off64_t result = lseek64(((quota_cookie *)cookie)->fd, *offset, whence);
    if (result < 0) return -1;
    *offset = result;
    return 0;
}

static int quota_close(void *cookie) {
    quota_cookie *file = cookie;
    int status = close(file->fd);
    aikit_write_quota_release(file->quota);
    free(file);
    return status;
}

int aikit_pushfile_quota(lua_State *L, int fd, const char *mode, aikit_write_quota *quota) {
    quota_cookie *cookie = malloc(sizeof *cookie);
    if (cookie == NULL) {
        close(fd);
        errno = ENOMEM;
        return -1;
    }
    cookie->fd = fd;
    cookie->quota = quota;
    quota->references++;
    cookie_io_functions_t functions = {.read = quota_read, .write = quota_write, .seek = quota_seek,
                                       .close = quota_close};
    return push_stream(L, fopencookie(cookie, mode, functions), quota_close, cookie);
}
