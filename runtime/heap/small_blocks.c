#include "small_blocks.h"
#include "page_spans.h"

#include <errno.h>

static void list_run(unsigned size_class, uint64_t index)
{
	struct heap_state *heap = heap_state();
	struct heap_page *run = heap_page(index);
	run->kind = HEAP_PAGE_RUN_LISTED;
	run->prev = 0;
	run->next = heap->runs_with_room[size_class];
	if (run->next != 0)
		heap_page(run->next)->prev = (uint32_t)index;
	heap->runs_with_room[size_class] = (uint32_t)index;
}

static void unlist_run(unsigned size_class, struct heap_page *run)
{
	if (run->prev != 0)
		heap_page(run->prev)->next = run->next;
	else
		heap_state()->runs_with_room[size_class] = run->next;
	if (run->next != 0)
		heap_page(run->next)->prev = run->prev;
	run->kind = HEAP_PAGE_RUN_FULL;
}

static uint64_t new_run(unsigned size_class)
{
	uint64_t pages = xmig_heap_size_classes[size_class].run_pages;
	uint64_t index = xmig_heap_take_pages(pages);
	if (index == 0)
		return 0;
	struct heap_page *run = heap_page(index);
	run->size_class = (uint16_t)size_class;
	run->live_blocks = 0;
	run->fresh_offset = 0;
	run->free_blocks = 0;
	for (uint64_t inner = index + 1; inner < index + pages; inner++) {
		heap_page(inner)->kind = HEAP_PAGE_INNER;
		heap_page(inner)->span_first = (uint32_t)index;
	}
	list_run(size_class, index);
	return index;
}

void *xmig_heap_small_alloc_slow(unsigned size_class)
{
	const struct heap_size_class *class = &xmig_heap_size_classes[size_class];
	struct heap_state *heap = heap_state();
	uint64_t index;
	/* Runs that filled up leave the list when they reach its head. */
	while ((index = heap->runs_with_room[size_class]) != 0) {
		struct heap_page *run = heap_page(index);
		if (run->free_blocks != 0 || run->fresh_offset < class->run_bytes)
			return heap_small_alloc(size_class);
		unlist_run(size_class, run);
	}
	if (new_run(size_class) == 0) {
		errno = ENOMEM;
		return NULL;
	}
	return heap_small_alloc(size_class);
}

void xmig_heap_small_free_slow(struct heap_page *run, void *block)
{
	memcpy(block, &run->free_blocks, sizeof run->free_blocks);
	run->free_blocks = (uint32_t)(heap_offset(block) >> HEAP_GRANULE_SHIFT);
	run->live_blocks--;
	if (run->kind == HEAP_PAGE_RUN_FULL)
		list_run(run->size_class, heap_page_index(run));
	if (run->live_blocks == 0)
		xmig_heap_small_run_emptied(run);
}

void xmig_heap_small_run_emptied(struct heap_page *run)
{
	unsigned size_class = run->size_class;
	uint64_t index = heap_page_index(run);
	/* The class's only run with room stays, empty, for the class's next
	 * blocks: a program that allocates and frees one block at a time must
	 * not make and unmake a run each time. */
	if (heap_state()->runs_with_room[size_class] == index && run->next == 0)
		return;
	unlist_run(size_class, run);
	xmig_heap_give_pages(index, xmig_heap_size_classes[size_class].run_pages);
}
