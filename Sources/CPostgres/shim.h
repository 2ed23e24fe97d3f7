#ifndef AIKIT_CPOSTGRES_SHIM_H
#define AIKIT_CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#endif
