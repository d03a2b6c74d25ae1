/* Large blocks (above HEAP_SMALL_MAX bytes, or aligned beyond what a size
 * class gives): each one a span of whole pages of its own, starting at the
 * span's first page. */
#ifndef XMIG_HEAP_LARGE_BLOCKS_H
#define XMIG_HEAP_LARGE_BLOCKS_H

#include "arena_layout.h"

/* All of them need an attached arena. */

/* alignment: a power of two. Returns NULL with errno set when the arena
 * cannot hold the block. */
void *xmig_heap_large_alloc(uint64_t size, uint64_t alignment);

/* span: the descriptor of the block's first page. */
void xmig_heap_large_free(struct heap_page *span);

/* Makes the block hold new_size bytes without moving it. Returns 0, or -1
 * (and changes nothing) when the pages after it are taken. */
int xmig_heap_large_resize(struct heap_page *span, uint64_t new_size);

static inline uint64_t heap_large_usable_size(const struct heap_page *span)
{
	return (uint64_t)span->span_pages << HEAP_PAGE_SHIFT;
}

#endif
