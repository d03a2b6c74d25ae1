#include "large_blocks.h"
#include "page_spans.h"

#include <errno.h>

static uint64_t pages_for(uint64_t size)
{
	return size != 0 ? (size + HEAP_PAGE_SIZE - 1) >> HEAP_PAGE_SHIFT : 1;
}

void *xmig_heap_large_alloc(uint64_t size, uint64_t alignment)
{
	if (size > XMIG_HEAP_ARENA_SIZE || alignment > XMIG_HEAP_ARENA_SIZE) {
		errno = ENOMEM;
		return NULL;
	}
	uint64_t pages = pages_for(size);
	uint64_t alignment_pages = alignment > HEAP_PAGE_SIZE ? alignment >> HEAP_PAGE_SHIFT : 1;
	/* Every page is aligned to 64 KiB; beyond that, take enough pages that an
	 * aligned span lies among them, and free the rest on either side. */
	uint64_t slack = alignment_pages - 1;
	uint64_t taken = xmig_heap_take_pages(pages + slack);
	if (taken == 0) {
		errno = ENOMEM;
		return NULL;
	}
	uint64_t first = (taken + slack) & ~slack;
	heap_page(first)->kind = HEAP_PAGE_LARGE;
	if (slack != 0) {
		xmig_heap_mark_span(first, pages);
		if (first > taken)
			xmig_heap_give_pages(taken, first - taken);
		if (taken + slack > first)
			xmig_heap_give_pages(first + pages, taken + slack - first);
	}
	return heap_page_address(first);
}

void xmig_heap_large_free(struct heap_page *span)
{
	xmig_heap_give_pages(heap_page_index(span), span->span_pages);
}

int xmig_heap_large_resize(struct heap_page *span, uint64_t new_size)
{
	if (new_size > XMIG_HEAP_ARENA_SIZE)
		return -1;
	uint64_t first = heap_page_index(span);
	uint64_t pages = span->span_pages;
	uint64_t wanted = pages_for(new_size);
	if (wanted > pages)
		return xmig_heap_grow_span(first, pages, wanted);
	if (wanted < pages) {
		xmig_heap_mark_span(first, wanted);
		xmig_heap_give_pages(first + wanted, pages - wanted);
	}
	return 0;
}
