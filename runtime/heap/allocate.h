/* The allocation paths every entry point shares. */
#ifndef XMIG_HEAP_ALLOCATE_H
#define XMIG_HEAP_ALLOCATE_H

#include "arena.h"
#include "arena_layout.h"
#include "blocks.h"
#include "size_classes.h"
#include "small_blocks.h"

/* Any size, any power-of-two alignment; from the bootstrap area until the
 * arena is mapped. Returns NULL with errno set to ENOMEM on failure. */
void *xmig_heap_allocate(uint64_t size, uint64_t alignment);

/* malloc and free themselves, for the entry points that build on them: a
 * call to the functions by their standard names could be rewritten by the
 * compiler (malloc and memset into calloc, inside calloc). */
static inline void *heap_malloc(uint64_t size)
{
	if (HEAP_LIKELY(xmig_heap_attached && size <= HEAP_SMALL_MAX))
		return heap_small_alloc(heap_size_class_of(size));
	return xmig_heap_allocate(size, HEAP_GRANULE);
}

static inline void heap_free(void *pointer)
{
	/* NULL and bootstrap blocks lie outside the arena: the general path. */
	uint64_t offset = heap_offset(pointer);
	if (HEAP_LIKELY(offset < XMIG_HEAP_ARENA_SIZE) &&
	    heap_small_free(heap_page(offset >> HEAP_PAGE_SHIFT), pointer, offset) == 0)
		return;
	xmig_heap_release(pointer);
}

#endif
