/* The size classes of small blocks: 16-byte steps up to 128 bytes, then four
 * classes per doubling up to HEAP_SMALL_MAX, so that no block wastes more than
 * a quarter of itself. Each class is served from runs: spans of one to four
 * pages cut into blocks of the class's size. */
#ifndef XMIG_HEAP_SIZE_CLASSES_H
#define XMIG_HEAP_SIZE_CLASSES_H

#include "arena_layout.h"

#include <stdint.h>

struct heap_size_class {
	uint32_t block_size;
	uint32_t run_pages;
	uint32_t run_bytes; /* the part of a run that blocks fill: whole blocks only */
	uint32_t unused;
};

extern const struct heap_size_class xmig_heap_size_classes[HEAP_SMALL_CLASS_COUNT];

/* The smallest class that holds size bytes; size must not exceed HEAP_SMALL_MAX. */
static inline unsigned heap_size_class_of(uint64_t size)
{
	if (size <= 128)
		return (unsigned)((size - (size != 0)) >> 4);
	uint64_t last_byte = size - 1;
	unsigned doubling = 63 - (unsigned)__builtin_clzll(last_byte);
	return 8 + (doubling - 7) * 4 + (unsigned)((last_byte >> (doubling - 2)) & 3);
}

#endif
