#include "census.h"
#include "arena.h"
#include "arena_layout.h"
#include "size_classes.h"

struct heap_census xmig_heap_take_census(void)
{
	struct heap_census census = {0};
	if (!xmig_heap_attached)
		return census;
	const struct heap_state *heap = heap_state();
	census.used_bytes = (heap->top_page - heap->data_first_page) << HEAP_PAGE_SHIFT;
	census.top_bytes = (heap->limit_page - heap->top_page) << HEAP_PAGE_SHIFT;
	for (uint64_t index = heap->data_first_page; index < heap->top_page;) {
		const struct heap_page *span = heap_page(index);
		uint64_t span_bytes = (uint64_t)span->span_pages << HEAP_PAGE_SHIFT;
		switch (span->kind) {
		case HEAP_PAGE_RUN_LISTED:
		case HEAP_PAGE_RUN_FULL: {
			uint64_t block_size = xmig_heap_size_classes[span->size_class].block_size;
			census.small_blocks += span->live_blocks;
			census.small_bytes += span->live_blocks * block_size;
			census.free_bytes += span_bytes - span->live_blocks * block_size;
			break;
		}
		case HEAP_PAGE_LARGE:
			census.large_blocks++;
			census.large_bytes += span_bytes;
			break;
		default:
			census.free_spans++;
			census.free_bytes += span_bytes;
			break;
		}
		index += span->span_pages != 0 ? span->span_pages : 1;
	}
	return census;
}
