/* The blocks in use, for a scan of what the program keeps in the heap. */
#ifndef XMIG_HEAP_WALK_H
#define XMIG_HEAP_WALK_H

#include <stdint.h>

/* Calls visit for every block in use, in address order, until it returns
 * non-zero, which is then returned; 0 when every block was visited. */
int xmig_heap_for_each_block(int (*visit)(const char *block, uint64_t size, void *context),
                             void *context);

#endif
