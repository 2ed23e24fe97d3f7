#define _GNU_SOURCE
#include "CStandardStreams.h"

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <sys/types.h>

typedef struct capture_cookie {
    void *context;
    int stream;
    aikit_stream_writer writer;
} capture_cookie;

static ssize_t capture_write(void *cookie, const char *bytes, size_t count) {
    capture_cookie *capture = cookie;
    capture->writer(capture->context, capture->stream, bytes, count);
    return (ssize_t)count;
}

static FILE *open_capture(void *context, int stream, aikit_stream_writer writer) {
    capture_cookie *cookie = malloc(sizeof *cookie);  // lives as long as the process writes to it
    if (cookie == NULL) return NULL;
    cookie->context = context;
    cookie->stream = stream;
    cookie->writer = writer;
    cookie_io_functions_t functions = {.read = NULL, .write = capture_write, .seek = NULL, .close = NULL};
    FILE *file = fopencookie(cookie, "w", functions);
    if (file == NULL) {
        free(cookie);
        return NULL;
    }
    setvbuf(file, NULL, _IONBF, 0);
    return file;
}

int aikit_capture_standard_streams(void *context, aikit_stream_writer writer) {
    FILE *out = open_capture(context, 1, writer);
    FILE *err = open_capture(context, 2, writer);
    if (out == NULL || err == NULL) {
        if (out) fclose(out);
        if (err) fclose(err);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    stdout = out;
    stderr = err;
    return 0;
}

typedef struct input_cookie {
    void *context;
    aikit_stream_reader reader;
} input_cookie;

static ssize_t capture_read(void *cookie, char *buffer, size_t size) {
    input_cookie *input = cookie;
    return input->reader(input->context, buffer, size);
}

int aikit_capture_standard_input(void *context, aikit_stream_reader reader) {
    input_cookie *cookie = malloc(sizeof *cookie);  // lives as long as the process reads from it
    if (cookie == NULL) return -1;
    cookie->context = context;
    cookie->reader = reader;
    cookie_io_functions_t functions = {.read = capture_read, .write = NULL, .seek = NULL, .close = NULL};
    FILE *file = fopencookie(cookie, "r", functions);
    if (file == NULL) {
        free(cookie);
        return -1;
    }
    stdin = file;
    return 0;
}

void aikit_discard_standard_input(void) {
    __fpurge(stdin);
    clearerr(stdin);
}
