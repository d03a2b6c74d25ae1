#include "walk.h"

#include "arena.h"
#include "arena_layout.h"
#include "size_classes.h"

#include <string.h>

/* The most blocks a run holds: four 64 KiB pages of 16-byte granules
 * (size_classes.h). */
#define RUN_BLOCKS_MAX (4 * HEAP_PAGE_SIZE / HEAP_GRANULE)

static int visit_run(const struct heap_page *run, uint64_t index,
                     int (*visit)(const char *, uint64_t, void *), void *context)
{
	const struct heap_size_class *class = &xmig_heap_size_classes[run->size_class];
	const char *base = heap_page_address(index);
	uint64_t blocks = run->fresh_offset / class->block_size;
	if (blocks > RUN_BLOCKS_MAX)
		blocks = RUN_BLOCKS_MAX;
	uint8_t freed[RUN_BLOCKS_MAX / 8];
	memset(freed, 0, (blocks + 7) / 8);
	/* The freed blocks' list: each holds the granule of the next. */
	for (uint32_t granule = run->free_blocks, steps = 0; granule != 0 && steps < blocks;
	     steps++) {
		const char *block = heap_granule_address(granule);
		uint64_t number = (uint64_t)(block - base) / class->block_size;
		if (block < base || number >= blocks)
			break;
		freed[number / 8] |= (uint8_t)(1u << (number % 8));
		memcpy(&granule, block, sizeof granule);
	}
	for (uint64_t number = 0; number < blocks; number++)
		if (!(freed[number / 8] & (1u << (number % 8)))) {
			int stop = visit(base + number * class->block_size, class->block_size,
			                 context);
			if (stop)
				return stop;
		}
	return 0;
}

int xmig_heap_for_each_block(int (*visit)(const char *block, uint64_t size, void *context),
                             void *context)
{
	if (!xmig_heap_attached)
		return 0;
	const struct heap_state *heap = heap_state();
	for (uint64_t index = heap->data_first_page; index < heap->top_page;) {
		const struct heap_page *span = heap_page(index);
		uint64_t span_bytes = (uint64_t)span->span_pages << HEAP_PAGE_SHIFT;
		int stop = 0;
		switch (span->kind) {
		case HEAP_PAGE_RUN_LISTED:
		case HEAP_PAGE_RUN_FULL:
			stop = visit_run(span, index, visit, context);
			break;
		case HEAP_PAGE_LARGE:
			stop = visit(heap_page_address(index), span_bytes, context);
			break;
		default:
			break;
		}
		if (stop)
			return stop;
		index += span->span_pages != 0 ? span->span_pages : 1;
	}
	return 0;
}
