#ifndef FALCO_IPFEED_CMALLOC_SHIM_H
#define FALCO_IPFEED_CMALLOC_SHIM_H

// glibc's malloc_trim: the daemon returns freed memory to the system after a cycle; mallopt:
// one arena for all threads.
#include <malloc.h>

#endif
