// Redirecting C's stdout and stderr to a callback (glibc's fopencookie), for the notebook kernel: Lua's print and io
// library write through these FILE pointers, which Swift cannot reassign under strict concurrency.
#ifndef AIKIT_CSTANDARDSTREAMS_H
#define AIKIT_CSTANDARDSTREAMS_H

#include <stddef.h>
#include <sys/types.h>

/// Receives what was written: `stream` is 1 (stdout) or 2 (stderr). Returns nothing; every byte counts as written.
typedef void (*aikit_stream_writer)(void *context, int stream, const char *bytes, size_t count);

/// Points `stdout` and `stderr` at unbuffered streams that call `writer` (after flushing what they held). Returns 0,
/// or -1 if a stream could not be made (then nothing was changed). File descriptors 1 and 2 are left alone.
int aikit_capture_standard_streams(void *context, aikit_stream_writer writer);

/// Fills `buffer` with at most `size` bytes of input: returns the count, 0 at end of input, or -1 with errno set.
typedef ssize_t (*aikit_stream_reader)(void *context, char *buffer, size_t size);

/// Points `stdin` at a stream that calls `reader` when it needs bytes. Returns 0, or -1 if the stream could not be
/// made (then `stdin` is unchanged). File descriptor 0 is left alone.
int aikit_capture_standard_input(void *context, aikit_stream_reader reader);

/// Drops what `stdin` has buffered and not yet handed out (a cell's unread input, so the next cell starts afresh).
void aikit_discard_standard_input(void);

#endif
