#define _GNU_SOURCE
#include "arena.h"
#include "arena_layout.h"
#include "fatal.h"
#include "xmig/heap.h"
#include "xmig/ranges.h"

#include <sys/mman.h>

int xmig_heap_attached;

static int arena_is_mapped(void)
{
	/* mincore fails with ENOMEM on an unmapped page. qemu-user reads the
	 * vector as a string before writing it, hence the terminating zero. */
	unsigned char resident = 0;
	return mincore((void *)XMIG_HEAP_ARENA_BASE, 4096, &resident) == 0;
}

static uint64_t usable_pages(void)
{
	return (xmig_range_usable_end(&xmig_heap_arena_range) - XMIG_HEAP_ARENA_BASE) >>
	       HEAP_PAGE_SHIFT;
}

static void make_empty_heap(struct heap_state *heap)
{
	/* A blank arena reads as zero: empty bins and lists need no writes. */
	heap->layout_version = HEAP_LAYOUT_VERSION;
	heap->arena_base = XMIG_HEAP_ARENA_BASE;
	heap->page_size = HEAP_PAGE_SIZE;
	heap->table_offset = HEAP_TABLE_OFFSET;
	heap->data_first_page = HEAP_DATA_FIRST_PAGE;
	heap->top_page = HEAP_DATA_FIRST_PAGE;
	heap->clean_page = HEAP_DATA_FIRST_PAGE;
	heap->limit_page = usable_pages();
	heap->magic = HEAP_MAGIC;
}

static int heap_fits_this_runtime(const struct heap_state *heap)
{
	return heap->layout_version == HEAP_LAYOUT_VERSION &&
	       heap->arena_base == XMIG_HEAP_ARENA_BASE && heap->page_size == HEAP_PAGE_SIZE &&
	       heap->table_offset == HEAP_TABLE_OFFSET &&
	       heap->data_first_page == HEAP_DATA_FIRST_PAGE &&
	       heap->limit_page <= usable_pages() && heap->top_page <= heap->limit_page;
}

int xmig_heap_attach(void)
{
	if (xmig_heap_attached)
		return 0;
	if (!arena_is_mapped())
		return -1;
	struct heap_state *heap = heap_state();
	if (heap->magic == 0)
		make_empty_heap(heap);
	else if (heap->magic != HEAP_MAGIC || !heap_fits_this_runtime(heap))
		xmig_heap_fatal("the heap arena holds a heap of another layout");
	xmig_heap_attached = 1;
	return 0;
}

uint64_t xmig_heap_set_limit(uint64_t bytes)
{
	struct heap_state *heap = heap_state();
	uint64_t previous = heap->limit_page << HEAP_PAGE_SHIFT;
	uint64_t pages = bytes >> HEAP_PAGE_SHIFT;
	if (pages < heap->top_page)
		pages = heap->top_page;
	if (pages > usable_pages())
		pages = usable_pages();
	heap->limit_page = pages;
	return previous;
}

/* Here rather than on their own: capture refers to them weakly, which would
 * not pull a file of their own into the link. */
unsigned xmig_heap_used_extents(struct xmig_heap_extent extents[XMIG_HEAP_EXTENT_COUNT])
{
	if (!xmig_heap_attached)
		return 0;
	const struct heap_state *heap = heap_state();
	extents[0].start = XMIG_HEAP_ARENA_BASE;
	extents[0].end = (uintptr_t)heap_page(heap->top_page);
	if (heap->top_page == heap->data_first_page)
		return 1;
	extents[1].start = (uintptr_t)heap_page_address(heap->data_first_page);
	extents[1].end = (uintptr_t)heap_page_address(heap->top_page);
	return 2;
}

uint64_t xmig_heap_used_end(void)
{
	struct xmig_heap_extent extents[XMIG_HEAP_EXTENT_COUNT];
	unsigned count = xmig_heap_used_extents(extents);
	return count != 0 ? extents[count - 1].end : XMIG_HEAP_ARENA_BASE;
}
