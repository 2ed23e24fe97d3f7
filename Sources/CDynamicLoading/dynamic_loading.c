#include "CDynamicLoading.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *aikit_dlopen_first(const char *const names[], char *err, size_t err_size) {
    const char *reason = "no library names given";
    char tried[256] = "";
    size_t used = 0;
    for (size_t i = 0; names && names[i]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) return handle;
        const char *message = dlerror();
        reason = message ? message : "unknown dlopen error";
        int written = snprintf(tried + used, sizeof tried - used, "%s%s", used ? ", " : "", names[i]);
        if (written > 0 && (size_t)written < sizeof tried - used) used += (size_t)written;
    }
    if (err && err_size) snprintf(err, err_size, "cannot load %s (%s)", used ? tried : "a library", reason);
    return NULL;
}

int aikit_dlsym_all(void *handle, const char *const symbols[], void **slots, char *err, size_t err_size) {
    size_t count = 0;
    while (symbols[count]) count++;
    for (size_t i = 0; i < count; i++) {
        dlerror();
        void *address = dlsym(handle, symbols[i]);
        if (!address) {
            if (err && err_size) snprintf(err, err_size, "the loaded library has no symbol %s", symbols[i]);
            memset(slots, 0, count * sizeof *slots);
            return -1;
        }
        slots[i] = address;
    }
    return 0;
}

int aikit_dynamic_library_load(aikit_dynamic_library *library, char *err, size_t err_size) {
    if (__atomic_load_n(&library->loaded, __ATOMIC_ACQUIRE)) return 0;
    pthread_mutex_lock(&library->lock);
    int status = 0;
    if (!library->loaded) {
        char reason[512];
        void *handle = aikit_dlopen_first(library->names, reason, sizeof reason);
        if (handle && aikit_dlsym_all(handle, library->symbols, (void **)library->slots, reason, sizeof reason) != 0) {
            dlclose(handle);
            handle = NULL;
        }
        if (handle) {
            library->handle = handle;
            __atomic_store_n(&library->loaded, 1, __ATOMIC_RELEASE);
        } else {
            status = -1;
            if (err && err_size)
                snprintf(err, err_size, "%s; install Debian's %s (apt-get install %s)", reason, library->package,
                         library->package);
        }
    }
    pthread_mutex_unlock(&library->lock);
    return status;
}

void aikit_dynamic_library_require(aikit_dynamic_library *library) {
    char message[640];
    if (aikit_dynamic_library_load(library, message, sizeof message) == 0) return;
    fprintf(stderr, "aikit: %s used before it was loaded: %s\n", library->names[0], message);
    abort();
}
