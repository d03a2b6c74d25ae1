/* How the arena is used, counted by walking its spans: for mallinfo and
 * malloc_stats, which programs call rarely. */
#ifndef XMIG_HEAP_CENSUS_H
#define XMIG_HEAP_CENSUS_H

#include <stdint.h>

struct heap_census {
	uint64_t used_bytes;   /* from the first data page to the top */
	uint64_t small_blocks; /* in use */
	uint64_t small_bytes;
	uint64_t large_blocks;
	uint64_t large_bytes;
	uint64_t free_bytes; /* free spans and the room left in runs */
	uint64_t free_spans;
	uint64_t top_bytes; /* from the top to the limit */
};

/* All zero while the heap is not attached. */
struct heap_census xmig_heap_take_census(void);

#endif
