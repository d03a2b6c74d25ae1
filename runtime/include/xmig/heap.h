/* The runtime's heap (runtime/heap/, docs/heap.md): malloc and its family
 * over the heap arena of xmig/layout.h, with all of its state inside the
 * arena. What capture and restore need to know about it. */
#ifndef XMIG_HEAP_H
#define XMIG_HEAP_H

#include <stdint.h>

/* [start, end) */
struct xmig_heap_extent {
	uint64_t start;
	uint64_t end;
};

#define XMIG_HEAP_EXTENT_COUNT 2

/* The parts of the arena that hold the heap, lowest first: its header with
 * the descriptors of the pages in use, then those pages. The rest of the
 * arena holds nothing the program can reach, and reads as zero after a
 * restore that maps the arena afresh. Returns how many extents it wrote:
 * none while this process has not allocated from the arena. */
unsigned xmig_heap_used_extents(struct xmig_heap_extent extents[XMIG_HEAP_EXTENT_COUNT]);

/* The end of the last extent (the heap's high-water mark), or the arena's
 * base when there is none. */
uint64_t xmig_heap_used_end(void);

/* The heap adopts the arena on the first allocation after the arena is
 * mapped: it continues the heap the arena holds, or makes an empty one if
 * the arena is blank. Restore must therefore fill the arena before anything
 * in the process allocates. Until the arena is mapped, allocations come from
 * a small area in the runtime's own data, which never migrates. */

#endif
