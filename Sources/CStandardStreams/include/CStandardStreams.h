// Redirecting C's stdout and stderr to a callback (glibc's fopencookie), for the notebook kernel: Lua's print and io
// library write through these FILE pointers, which Swift cannot reassign under strict concurrency.
#ifndef AIKIT_CSTANDARDSTREAMS_H
#define AIKIT_CSTANDARDSTREAMS_H

#include <stddef.h>

/// Receives what was written: `stream` is 1 (stdout) or 2 (stderr). Returns nothing; every byte counts as written.
typedef void (*aikit_stream_writer)(void *context, int stream, const char *bytes, size_t count);

/// Points `stdout` and `stderr` at unbuffered streams that call `writer` (after flushing what they held). Returns 0,
/// or -1 if a stream could not be made (then nothing was changed). File descriptors 1 and 2 are left alone.
int aikit_capture_standard_streams(void *context, aikit_stream_writer writer);

#endif
