// ZeroMQ (Debian's libzmq5; headers from libzmq3-dev) for the Jupyter kernel, opened with dlopen when `aikit kernel`
// starts, so no other command maps libzmq and its dependencies (libsodium, libpgm, libnorm, GSSAPI, libbsd).
//
// The functions are called as czmq_NAME: <zmq.h> declares zmq_NAME with default visibility, so forwarders under
// those names would be exported from aikit (CSQLite and CPostgres can hide theirs; this header cannot).
#ifndef CZEROMQ_H
#define CZEROMQ_H

#include <stddef.h>
#include <zmq.h>

/// The entry points the kernel uses (X(type, name, (parameters), (arguments))); none is variadic.
#define CZMQ_FUNCTIONS(X)                                                                                             \
    X(void *, zmq_ctx_new, (void), ())                                                                                \
    X(int, zmq_ctx_term, (void *context), (context))                                                                  \
    X(void *, zmq_socket, (void *context, int type), (context, type))                                                 \
    X(int, zmq_close, (void *socket), (socket))                                                                       \
    X(int, zmq_bind, (void *socket, const char *endpoint), (socket, endpoint))                                        \
    X(int, zmq_setsockopt, (void *socket, int option, const void *value, size_t length),                              \
      (socket, option, value, length))                                                                                \
    X(int, zmq_send, (void *socket, const void *buffer, size_t length, int flags), (socket, buffer, length, flags))   \
    X(int, zmq_msg_init, (zmq_msg_t * message), (message))                                                            \
    X(int, zmq_msg_recv, (zmq_msg_t * message, void *socket, int flags), (message, socket, flags))                    \
    X(void *, zmq_msg_data, (zmq_msg_t * message), (message))                                                         \
    X(size_t, zmq_msg_size, (const zmq_msg_t *message), (message))                                                    \
    X(int, zmq_msg_more, (const zmq_msg_t *message), (message))                                                       \
    X(int, zmq_msg_close, (zmq_msg_t * message), (message))                                                           \
    X(int, zmq_poll, (zmq_pollitem_t * items, int count, long timeout), (items, count, timeout))                      \
    X(int, zmq_errno, (void), ())                                                                                     \
    X(const char *, zmq_strerror, (int error), (error))

#define CZMQ_DECLARE(type, name, parameters, arguments) type c##name parameters;
CZMQ_FUNCTIONS(CZMQ_DECLARE)
#undef CZMQ_DECLARE

/// Loads libzmq.so.5 once (thread-safe); 0, or -1 with `err` saying what could not be loaded and to install libzmq5.
/// Call it before any czmq_ function.
int CZeroMQ_load(char *err, size_t err_size);

#endif
