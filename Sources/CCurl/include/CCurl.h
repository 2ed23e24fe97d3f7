// One HTTP GET through libcurl, loaded with dlopen on first use (so a script that never fetches does not pay for
// libcurl and its TLS/GSSAPI/LDAP dependencies at start-up, and a machine without libcurl still runs everything else).
#ifndef CCURL_H
#define CCURL_H

#include <stddef.h>

/// Why a request produced no HTTP response (0: it did; `status` holds the code).
enum aikit_http_failure {
    AIKIT_HTTP_OK = 0,
    AIKIT_HTTP_NO_LIBRARY = 1,   ///< libcurl.so.4 could not be loaded
    AIKIT_HTTP_RESOLVE = 2,      ///< the host name did not resolve (offline?)
    AIKIT_HTTP_CONNECT = 3,      ///< the connection was refused or unreachable
    AIKIT_HTTP_TIMEOUT = 4,      ///< no complete answer within the time limit
    AIKIT_HTTP_TOO_LARGE = 5,    ///< the body passed `max_body` bytes
    AIKIT_HTTP_TRANSFER = 6,     ///< the connection broke mid-answer (reset, truncated body)
    AIKIT_HTTP_TLS = 7,          ///< certificate or TLS handshake failure
    AIKIT_HTTP_OTHER = 8,
    AIKIT_HTTP_CANCELLED = 9,   ///< `*cancel` became non-zero (Ctrl-C)
};

typedef struct aikit_http_request {
    const char *url;
    const char *const *headers;  ///< "Name: value" lines
    int header_count;
    long timeout_ms;             ///< whole transfer
    long connect_timeout_ms;
    size_t max_body;             ///< larger bodies fail with AIKIT_HTTP_TOO_LARGE
    const int *cancel;  ///< when non-NULL (an InterruptFlag's atomic int), the transfer stops soon after it is raised
} aikit_http_request;

typedef struct aikit_http_response {
    int failure;                 ///< enum aikit_http_failure
    long status;                 ///< HTTP status when failure == 0
    unsigned char *body;         ///< malloc'd; free with aikit_http_free
    size_t length;
    char content_type[128];
    char retry_after[64];        ///< the Retry-After header's value, if any
    char location[2048];         ///< a 3xx answer's absolute redirect target (empty if none or longer than this)
    char error[256];             ///< what went wrong, for failure != 0 (never contains the URL)
} aikit_http_response;

/// Performs one GET. Always fills `response`; returns its `failure`. Thread-safe after the first call.
int aikit_http_get(const aikit_http_request *request, aikit_http_response *response);
void aikit_http_free(aikit_http_response *response);

/// For tests: this thread's next requests see `options` (CURLoption numbers, at most 4; count 0 clears) refused by
/// curl_easy_setopt, as an older libcurl refuses an option it does not know.
void aikit_http_refuse_options_for_testing(const long *options, int count);

#endif
