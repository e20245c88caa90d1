#ifndef UEMU_HEAP_WARM_H
#define UEMU_HEAP_WARM_H

#include <stddef.h>

/* Fault in the first `bytes` of the main thread's malloc heap at once. */
void heap_warm(size_t bytes);
/* After heap_warm(): fault in what the heap has grown by since, at once.
 * Cheap when it has not grown (no system call). */
void heap_warm_follow(void);

#endif
