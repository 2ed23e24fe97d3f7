// libcurl through dlopen (CDynamicLoading): the few entry points aikit uses are looked up on the first fetch. The
// table is written out rather than made with AIKIT_DYNAMIC_LIBRARY: curl_easy_setopt and curl_easy_getinfo are
// variadic (no forwarding function can pass their arguments on), and two sonames are tried (OpenSSL and GnuTLS builds).
#include "CCurl.h"

#include <CDynamicLoading.h>
#define CURL_DISABLE_DEPRECATION  // CURLOPT_PROTOCOLS: the fallback for libcurl before 7.85
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// The entry points aikit uses, in the order of `symbols` (CDynamicLoading fills the table on the first fetch).
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", NULL};
static const char *const symbols[] = {
    "curl_global_init", "curl_easy_init", "curl_easy_setopt", "curl_easy_perform", "curl_easy_getinfo",
    "curl_easy_cleanup", "curl_easy_strerror", "curl_slist_append", "curl_slist_free_all", NULL,
};
static aikit_dynamic_library library = AIKIT_DYNAMIC_LIBRARY_INIT(names, symbols, &curl, "libcurl4");

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static int initialised_ok;
static void initialise(void) { initialised_ok = curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

/// Loads libcurl and initialises it once; 0, or -1 with `error` saying what to install.
static int load_curl(char *error, size_t size) {
    if (aikit_dynamic_library_load(&library, error, size) != 0) return -1;
    pthread_once(&initialised, initialise);
    if (!initialised_ok) {
        snprintf(error, size, "libcurl failed to initialise");
        return -1;
    }
    return 0;
}

typedef struct body_sink {
    aikit_http_response *response;
    size_t capacity;
    size_t limit;
    int too_large;
} body_sink;

static size_t write_body(char *data, size_t size, size_t count, void *context) {
    body_sink *sink = context;
    size_t bytes = size * count;
    aikit_http_response *response = sink->response;
    if (response->length + bytes > sink->limit) {
        sink->too_large = 1;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    if (response->length + bytes > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 16384;
        while (capacity < response->length + bytes) capacity *= 2;
        unsigned char *grown = realloc(response->body, capacity);
        if (grown == NULL) {
            sink->too_large = 1;
            return 0;
        }
        response->body = grown;
        sink->capacity = capacity;
    }
    memcpy(response->body + response->length, data, bytes);
    response->length += bytes;
    return bytes;
}

/// Keeps the Retry-After header of the final response (headers of earlier responses, e.g. redirects, are reset).
static size_t read_header(char *data, size_t size, size_t count, void *context) {
    aikit_http_response *response = context;
    size_t bytes = size * count;
    static const char name[] = "retry-after:";
    if (bytes > 5 && strncmp(data, "HTTP/", 5) == 0) response->retry_after[0] = 0;
    if (bytes > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        const char *value = data + sizeof name - 1;
        size_t length = bytes - (sizeof name - 1);
        while (length > 0 && (*value == ' ' || *value == '\t')) value++, length--;
        while (length > 0 && (value[length - 1] == '\r' || value[length - 1] == '\n' || value[length - 1] == ' '))
            length--;
        if (length >= sizeof response->retry_after) length = sizeof response->retry_after - 1;
        memcpy(response->retry_after, value, length);
        response->retry_after[length] = 0;
    }
    return bytes;
}

/// Stops the transfer once the caller's cancel flag is set (libcurl calls this about once a second, and on data).
static int check_cancel(void *context, curl_off_t total_down, curl_off_t now_down, curl_off_t total_up,
                        curl_off_t now_up) {
    (void)total_down, (void)now_down, (void)total_up, (void)now_up;
    const int *cancel = context;  // an InterruptFlag's atomic int, written by other threads and signal handlers
    return cancel != NULL && __atomic_load_n(cancel, __ATOMIC_RELAXED) != 0;
}

static int classify(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return AIKIT_HTTP_RESOLVE;
    case CURLE_COULDNT_CONNECT: return AIKIT_HTTP_CONNECT;
    case CURLE_OPERATION_TIMEDOUT: return AIKIT_HTTP_TIMEOUT;
    case CURLE_ABORTED_BY_CALLBACK: return AIKIT_HTTP_CANCELLED;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING: return AIKIT_HTTP_TRANSFER;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE: return AIKIT_HTTP_TLS;
    default: return AIKIT_HTTP_OTHER;
    }
}

// Options a test asks this thread's requests to see refused, as an older libcurl refuses one it does not know.
static _Thread_local long refused_for_testing[4];

void aikit_http_refuse_options_for_testing(const long *options, int count) {
    for (int i = 0; i < 4; i++) refused_for_testing[i] = i < count ? options[i] : 0;
}

static int refused_by_test(CURLoption option) {
    for (int i = 0; i < 4; i++)
        if (refused_for_testing[i] != 0 && refused_for_testing[i] == (long)option) return 1;
    return 0;
}

// curl_easy_setopt, which a test may have asked to refuse (a macro: the argument keeps its own type).
#define set_option(handle, option, value)                                                                            \
    (refused_by_test(option) ? CURLE_UNKNOWN_OPTION : curl.easy_setopt(handle, option, value))

/// Fails the request naming the option libcurl refused (a setting silently missing would change what is fetched).
static int refuse(aikit_http_response *response, const char *option, CURLcode code) {
    response->failure = AIKIT_HTTP_OTHER;
    snprintf(response->error, sizeof response->error,
             "this libcurl refused %s (%s), so the request was not sent; a newer libcurl4 takes it", option,
             curl.easy_strerror(code));
    return response->failure;
}

// Sets one option, or fails the request naming it (`response` and the `done` label are the caller's).
#define SET(option, value)                                                                                           \
    do {                                                                                                             \
        CURLcode set_code = set_option(handle, option, value);                                                       \
        if (set_code != CURLE_OK) {                                                                                  \
            refuse(response, #option, set_code);                                                                     \
            goto done;                                                                                               \
        }                                                                                                            \
    } while (0)

/// Limits requests (and any redirect libcurl would follow) to http and https: CURLOPT_PROTOCOLS_STR since libcurl
/// 7.85, else the older bit mask, which libcurl 8 still takes; a libcurl that takes neither is refused, since a
/// URL from a provider template could otherwise read file:// or reach other schemes.
static CURLcode restrict_protocols(CURL *handle, const char **refused) {
    CURLcode code = set_option(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (code == CURLE_OK) code = set_option(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (code != CURLE_UNKNOWN_OPTION) {
        *refused = "CURLOPT_PROTOCOLS_STR";
        return code;
    }
    *refused = "CURLOPT_PROTOCOLS_STR and CURLOPT_PROTOCOLS";
    code = set_option(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    if (code == CURLE_OK) code = set_option(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    return code;
}

int aikit_http_get(const aikit_http_request *request, aikit_http_response *response) {
    memset(response, 0, sizeof *response);
    if (load_curl(response->error, sizeof response->error) != 0) {
        response->failure = AIKIT_HTTP_NO_LIBRARY;
        return response->failure;
    }
    CURL *handle = curl.easy_init();
    if (handle == NULL) {
        response->failure = AIKIT_HTTP_OTHER;
        snprintf(response->error, sizeof response->error, "libcurl could not start a transfer");
        return response->failure;
    }
    struct curl_slist *headers = NULL;
    for (int i = 0; i < request->header_count; i++) headers = curl.slist_append(headers, request->headers[i]);
    body_sink sink = {response, 0, request->max_body ? request->max_body : ((size_t)256 << 20), 0};
    char error[CURL_ERROR_SIZE] = {0};
    const char *refused = NULL;
    CURLcode protocols = restrict_protocols(handle, &refused);
    if (protocols != CURLE_OK) {
        refuse(response, refused, protocols);
        goto done;
    }
    SET(CURLOPT_URL, request->url);
    SET(CURLOPT_HTTPGET, 1L);
    SET(CURLOPT_NOSIGNAL, 1L);
    // Redirects are not followed here: the caller reads `location` and follows only those to the same scheme, host
    // and port (a key in the query must not travel to a host the user did not name).
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_TIMEOUT_MS, request->timeout_ms);
    SET(CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    SET(CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl decodes (gzip, br, zstd)
    SET(CURLOPT_HTTPHEADER, headers);
    SET(CURLOPT_WRITEFUNCTION, write_body);
    SET(CURLOPT_WRITEDATA, &sink);
    SET(CURLOPT_HEADERFUNCTION, read_header);
    SET(CURLOPT_HEADERDATA, response);
    SET(CURLOPT_ERRORBUFFER, error);
    if (request->cancel != NULL) {
        SET(CURLOPT_XFERINFOFUNCTION, check_cancel);
        SET(CURLOPT_XFERINFODATA, (void *)request->cancel);
        SET(CURLOPT_NOPROGRESS, 0L);
    }
    CURLcode code = curl.easy_perform(handle);
    if (code == CURLE_OK) {
        curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response->status);
        char *type = NULL;
        if (curl.easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != NULL) {
            snprintf(response->content_type, sizeof response->content_type, "%s", type);
        }
        char *location = NULL;
        if (response->status >= 300 && response->status < 400 &&
            curl.easy_getinfo(handle, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != NULL) {
            if (strlen(location) < sizeof response->location)
                snprintf(response->location, sizeof response->location, "%s", location);
        }
    } else {
        response->failure = sink.too_large ? AIKIT_HTTP_TOO_LARGE : classify(code);
        // curl's own message names the host at most, never the query (where keys travel).
        snprintf(response->error, sizeof response->error, "%s", error[0] ? error : curl.easy_strerror(code));
    }
done:
    curl.easy_cleanup(handle);
    curl.slist_free_all(headers);
    return response->failure;
}

void aikit_http_free(aikit_http_response *response) {
    free(response->body);
    response->body = NULL;
    response->length = 0;
}
