// The watchdog: ends the process when a deadline passes in code the count hook cannot reach (Lua runs finalizers
// and error handlers with hooks off; host functions and lua_close run outside any hook).
#include "CLuaShims.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WATCHDOG_DEPTH 32

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int started = 0;
static int depth = 0;
static double deadlines[WATCHDOG_DEPTH];
static int statuses[WATCHDOG_DEPTH];
static char messages[WATCHDOG_DEPTH][512];

static void *watch(void *unused) {
    (void)unused;
    pthread_mutex_lock(&lock);
    for (;;) {
        if (depth == 0) {
            pthread_cond_wait(&changed, &lock);
            continue;
        }
        int earliest = 0;
        for (int i = 1; i < depth; i++) if (deadlines[i] < deadlines[earliest]) earliest = i;
        double now = aikit_monotonic_seconds();
        if (now >= deadlines[earliest]) {
            const char *message = messages[earliest];
            ssize_t ignored = write(STDERR_FILENO, message, strlen(message));
            (void)ignored;
            _exit(statuses[earliest]);
        }
        // pthread_cond_timedwait takes CLOCK_REALTIME; convert the remaining monotonic time.
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        double wait = deadlines[earliest] - now;
        if (wait > 3600) wait = 3600;
        long long ns = (long long)until.tv_nsec + (long long)(wait * 1e9);
        until.tv_sec += (time_t)(ns / 1000000000LL);
        until.tv_nsec = (long)(ns % 1000000000LL);
        pthread_cond_timedwait(&changed, &lock, &until);
    }
    return NULL;
}

int aikit_watchdog_arm(double deadline, const char *message, int status) {
    pthread_mutex_lock(&lock);
    if (!started) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attributes, watch, NULL) == 0) started = 1;
        pthread_attr_destroy(&attributes);
    }
    int token = -1;
    if (depth < WATCHDOG_DEPTH) {
        token = depth++;
        deadlines[token] = deadline;
        statuses[token] = status;
        snprintf(messages[token], sizeof messages[token], "%s\n", message);
        pthread_cond_signal(&changed);
    }
    pthread_mutex_unlock(&lock);
    return token;
}

void aikit_watchdog_disarm(int token) {
    if (token < 0) return;
    pthread_mutex_lock(&lock);
    if (token < depth) depth = token;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
}
