#include "consistency.h"
#include "arena.h"
#include "arena_layout.h"
#include "page_spans.h"
#include "size_classes.h"

#include <string.h>

static const char *check_run(uint64_t index, const struct heap_page *run)
{
	if (run->size_class >= HEAP_SMALL_CLASS_COUNT)
		return "a run has no size class";
	const struct heap_size_class *class = &xmig_heap_size_classes[run->size_class];
	if (run->span_pages != class->run_pages)
		return "a run's length is not its class's";
	for (uint64_t inner = index + 1; inner < index + run->span_pages; inner++)
		if (heap_page(inner)->kind != HEAP_PAGE_INNER ||
		    heap_page(inner)->span_first != index)
			return "a page inside a run does not name the run";
	if (run->fresh_offset > class->run_bytes || run->fresh_offset % class->block_size != 0)
		return "a run's fresh blocks start between blocks";

	uint64_t handed_out = run->fresh_offset / class->block_size;
	uint64_t freed = 0;
	const char *run_start = heap_page_address(index);
	for (uint32_t granule = run->free_blocks; granule != 0; freed++) {
		const char *block = heap_granule_address(granule);
		if (freed >= handed_out)
			return "a run's free list is longer than what it handed out";
		if (block < run_start || block >= run_start + run->fresh_offset ||
		    (uint64_t)(block - run_start) % class->block_size != 0)
			return "a run's free list holds what is not one of its blocks";
		memcpy(&granule, block, sizeof granule);
	}
	if (freed + run->live_blocks != handed_out)
		return "a run's live and free blocks do not add up to what it handed out";
	return NULL;
}

static const char *check_spans(uint64_t *free_spans, uint64_t *listed_runs)
{
	const struct heap_state *heap = heap_state();
	int previous_was_free = 0;
	for (uint64_t index = heap->data_first_page; index < heap->top_page;) {
		const struct heap_page *span = heap_page(index);
		if (span->span_first != index || span->span_pages == 0 ||
		    span->span_pages > heap->top_page - index)
			return "a span's first page does not describe it";
		const struct heap_page *last = heap_page(index + span->span_pages - 1);
		int is_free = span->kind == HEAP_PAGE_FREE;
		if (span->span_pages > 1 &&
		    (last->span_first != index ||
		     last->kind != (is_free ? HEAP_PAGE_FREE : HEAP_PAGE_INNER)))
			return "a span's last page does not describe it";
		if (is_free && last->span_pages != span->span_pages)
			return "a free span's last page has another length";

		const char *problem = NULL;
		switch (span->kind) {
		case HEAP_PAGE_RUN_LISTED:
			++*listed_runs;
			problem = check_run(index, span);
			break;
		case HEAP_PAGE_RUN_FULL:
			problem = check_run(index, span);
			break;
		case HEAP_PAGE_LARGE:
			break;
		case HEAP_PAGE_FREE:
			if (previous_was_free)
				return "two free spans are neighbours";
			++*free_spans;
			break;
		default:
			return "a span's first page has no kind";
		}
		if (problem != NULL)
			return problem;
		previous_was_free = is_free;
		index += span->span_pages;
	}
	if (previous_was_free)
		return "a free span ends at the top";
	return NULL;
}

static const char *check_bins(uint64_t *free_spans)
{
	const struct heap_state *heap = heap_state();
	for (unsigned bin = 0; bin < HEAP_SPAN_BIN_COUNT; bin++) {
		int nonempty = (heap->nonempty_span_bins[bin / 64] >> (bin % 64)) & 1;
		if (nonempty != (heap->free_span_bins[bin] != 0))
			return "a bin's bit does not say whether it is empty";
		uint64_t previous = 0;
		for (uint64_t index = heap->free_span_bins[bin]; index != 0;
		     index = heap_page(index)->next) {
			const struct heap_page *span = heap_page(index);
			if (index < heap->data_first_page || index >= heap->top_page ||
			    span->kind != HEAP_PAGE_FREE || span->span_first != index)
				return "a bin holds what is not a free span";
			if (span->prev != previous)
				return "a bin's list does not link back";
			if (xmig_heap_span_bin(span->span_pages) != bin)
				return "a free span is in the bin of another length";
			if (*free_spans == 0)
				return "the bins hold more spans than the arena";
			--*free_spans;
			previous = index;
		}
	}
	if (*free_spans != 0)
		return "a free span is in no bin";
	return NULL;
}

static const char *check_run_lists(uint64_t *listed_runs)
{
	const struct heap_state *heap = heap_state();
	for (unsigned size_class = 0; size_class < HEAP_SMALL_CLASS_COUNT; size_class++) {
		uint64_t previous = 0;
		for (uint64_t index = heap->runs_with_room[size_class]; index != 0;
		     index = heap_page(index)->next) {
			const struct heap_page *run = heap_page(index);
			if (index < heap->data_first_page || index >= heap->top_page ||
			    run->kind != HEAP_PAGE_RUN_LISTED || run->size_class != size_class)
				return "a class's list holds what is not a listed run of the class";
			if (run->prev != previous)
				return "a class's list does not link back";
			if (*listed_runs == 0)
				return "the class lists hold more runs than the arena";
			--*listed_runs;
			previous = index;
		}
	}
	if (*listed_runs != 0)
		return "a listed run is in no list";
	return NULL;
}

const char *xmig_heap_check(void)
{
	if (!xmig_heap_attached)
		return NULL;
	const struct heap_state *heap = heap_state();
	if (heap->magic != HEAP_MAGIC || heap->data_first_page != HEAP_DATA_FIRST_PAGE)
		return "the header is not a heap's";
	if (heap->top_page < heap->data_first_page || heap->top_page > heap->limit_page ||
	    heap->clean_page < heap->top_page)
		return "the top is out of place";

	uint64_t free_spans = 0;
	uint64_t listed_runs = 0;
	const char *problem = check_spans(&free_spans, &listed_runs);
	if (problem == NULL)
		problem = check_bins(&free_spans);
	if (problem == NULL)
		problem = check_run_lists(&listed_runs);
	return problem;
}
