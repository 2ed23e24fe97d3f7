// libzmq through dlopen (CDynamicLoading): the table of CZMQ_FUNCTIONS, filled by CZeroMQ_load, and one czmq_NAME
// forwarder per function.
#include "CZeroMQ.h"

#include <CDynamicLoading.h>

static struct { CZMQ_FUNCTIONS(AIKIT_DYNAMIC_FUNCTION_SLOT) } table;
static const char *const symbols[] = {CZMQ_FUNCTIONS(AIKIT_DYNAMIC_FUNCTION_NAME) NULL};
static const char *const names[] = {"libzmq.so.5", NULL};
static aikit_dynamic_library library = AIKIT_DYNAMIC_LIBRARY_INIT(names, symbols, &table, "libzmq5");

int CZeroMQ_load(char *err, size_t err_size) { return aikit_dynamic_library_load(&library, err, err_size); }

#define CZMQ_FORWARD(type, name, parameters, arguments)                                                               \
    type c##name parameters {                                                                                         \
        if (!table.name) aikit_dynamic_library_require(&library);                                                     \
        return table.name arguments;                                                                                  \
    }
CZMQ_FUNCTIONS(CZMQ_FORWARD)
