/* Small blocks (up to HEAP_SMALL_MAX bytes): runs of one size class each.
 * A run hands out its never-used blocks in address order, then the blocks
 * freed into it, last freed first; each class keeps a list of the runs that
 * may have room. The fast paths are inline: they are most of what a program
 * spends in malloc and free. */
#ifndef XMIG_HEAP_SMALL_BLOCKS_H
#define XMIG_HEAP_SMALL_BLOCKS_H

#include "arena_layout.h"
#include "size_classes.h"

#include <string.h>

/* All of them need an attached arena. */

/* Returns NULL with errno set when the arena is exhausted. */
void *xmig_heap_small_alloc_slow(unsigned size_class);

/* run: the descriptor of the first page of the block's run, listed or full. */
void xmig_heap_small_free_slow(struct heap_page *run, void *block);

/* For a listed run whose last live block was just freed. */
void xmig_heap_small_run_emptied(struct heap_page *run);

static inline void *heap_small_alloc(unsigned size_class)
{
	uint32_t index = heap_state()->runs_with_room[size_class];
	if (HEAP_LIKELY(index != 0)) {
		struct heap_page *run = heap_page(index);
		uint32_t granule = run->free_blocks;
		if (HEAP_LIKELY(granule != 0)) {
			void *block = heap_granule_address(granule);
			memcpy(&run->free_blocks, block, sizeof run->free_blocks);
			run->live_blocks++;
			return block;
		}
		const struct heap_size_class *class = &xmig_heap_size_classes[size_class];
		if (run->fresh_offset < class->run_bytes) {
			void *block = heap_page_address(index) + run->fresh_offset;
			run->fresh_offset += class->block_size;
			run->live_blocks++;
			return block;
		}
	}
	return xmig_heap_small_alloc_slow(size_class);
}

/* page: the descriptor of the page that holds the block. Returns 0 when the
 * block was freed, -1 when the page is not the first of a listed run: the
 * caller takes the general path then. */
static inline int heap_small_free(struct heap_page *page, void *block, uint64_t offset)
{
	if (HEAP_UNLIKELY(page->kind != HEAP_PAGE_RUN_LISTED))
		return -1;
	memcpy(block, &page->free_blocks, sizeof page->free_blocks);
	page->free_blocks = (uint32_t)(offset >> HEAP_GRANULE_SHIFT);
	if (HEAP_UNLIKELY(--page->live_blocks == 0))
		xmig_heap_small_run_emptied(page);
	return 0;
}

#endif
