/* Free spans sit in bins by length: one bin per length up to 32 pages, then
 * four per doubling. A request looks in the first non-empty bin whose every
 * span is long enough (a bitmap finds it in constant time), takes the head
 * span and frees what it does not need. A freed span joins its free
 * neighbours, found through the descriptors of the pages on either side, and
 * a span that ends at the top lowers the top instead: the used part of the
 * arena, which capture copies, shrinks again when its end is freed. */
#define _GNU_SOURCE
#include "page_spans.h"
#include "arena_layout.h"

#include <sys/mman.h>

/* Freed spans at least this long (4 MiB) go back to the kernel at once;
 * shorter ones are likely to be reused soon. */
#define RELEASE_PAGES 64

#define EXACT_BINS    32

unsigned xmig_heap_span_bin(uint64_t pages)
{
	if (pages <= EXACT_BINS)
		return (unsigned)pages - 1;
	unsigned doubling = 63 - (unsigned)__builtin_clzll(pages);
	return EXACT_BINS + (doubling - 5) * 4 + (unsigned)((pages >> (doubling - 2)) & 3);
}

static uint64_t shortest_in_bin(unsigned bin)
{
	if (bin < EXACT_BINS)
		return bin + 1;
	unsigned doubling = 5 + (bin - EXACT_BINS) / 4;
	return (uint64_t)(4 + (bin - EXACT_BINS) % 4) << (doubling - 2);
}

/* The first bin that holds only spans of at least `pages` pages. */
static unsigned first_bin_that_fits(uint64_t pages)
{
	unsigned bin = xmig_heap_span_bin(pages);
	return pages == shortest_in_bin(bin) ? bin : bin + 1;
}

static int first_nonempty_bin_from(unsigned bin)
{
	const uint64_t *nonempty = heap_state()->nonempty_span_bins;
	for (unsigned word = bin / 64; word < 2; word++) {
		uint64_t bits = nonempty[word];
		if (word == bin / 64)
			bits &= ~0ULL << (bin % 64);
		if (bits != 0)
			return (int)(word * 64 + (unsigned)__builtin_ctzll(bits));
	}
	return -1;
}

static void insert_free_span(uint64_t first, uint64_t count)
{
	struct heap_state *heap = heap_state();
	struct heap_page *head = heap_page(first);
	head->kind = HEAP_PAGE_FREE;
	head->span_first = (uint32_t)first;
	head->span_pages = (uint32_t)count;
	if (count > 1) {
		struct heap_page *last = heap_page(first + count - 1);
		last->kind = HEAP_PAGE_FREE;
		last->span_first = (uint32_t)first;
		last->span_pages = (uint32_t)count;
	}

	unsigned bin = xmig_heap_span_bin(count);
	head->prev = 0;
	head->next = heap->free_span_bins[bin];
	if (head->next != 0)
		heap_page(head->next)->prev = (uint32_t)first;
	heap->free_span_bins[bin] = (uint32_t)first;
	heap->nonempty_span_bins[bin / 64] |= 1ULL << (bin % 64);
}

static void remove_free_span(uint64_t first)
{
	struct heap_state *heap = heap_state();
	struct heap_page *head = heap_page(first);
	unsigned bin = xmig_heap_span_bin(head->span_pages);
	if (head->prev != 0)
		heap_page(head->prev)->next = head->next;
	else
		heap->free_span_bins[bin] = head->next;
	if (head->next != 0)
		heap_page(head->next)->prev = head->prev;
	if (heap->free_span_bins[bin] == 0)
		heap->nonempty_span_bins[bin / 64] &= ~(1ULL << (bin % 64));
}

static void release_to_kernel(uint64_t first, uint64_t count)
{
	/* The mapping stays; the pages read as zero if touched again. Failure
	 * (qemu-user ignores the advice) only costs memory. */
	madvise(heap_page_address(first), count << HEAP_PAGE_SHIFT, MADV_DONTNEED);
}

static int extend_top(uint64_t count)
{
	struct heap_state *heap = heap_state();
	if (count > heap->limit_page - heap->top_page)
		return -1;
	heap->top_page += count;
	if (heap->clean_page < heap->top_page)
		heap->clean_page = heap->top_page;
	return 0;
}

void xmig_heap_mark_span(uint64_t first, uint64_t count)
{
	struct heap_page *head = heap_page(first);
	head->span_first = (uint32_t)first;
	head->span_pages = (uint32_t)count;
	if (count > 1) {
		struct heap_page *last = heap_page(first + count - 1);
		last->kind = HEAP_PAGE_INNER;
		last->span_first = (uint32_t)first;
	}
}

uint64_t xmig_heap_take_pages(uint64_t count)
{
	struct heap_state *heap = heap_state();
	uint64_t first;
	int bin = first_nonempty_bin_from(first_bin_that_fits(count));
	if (bin >= 0) {
		first = heap->free_span_bins[bin];
		uint64_t available = heap_page(first)->span_pages;
		remove_free_span(first);
		if (available > count)
			insert_free_span(first + count, available - count);
	} else {
		first = heap->top_page;
		if (extend_top(count) != 0)
			return 0;
	}
	xmig_heap_mark_span(first, count);
	return first;
}

void xmig_heap_give_pages(uint64_t first, uint64_t count)
{
	struct heap_state *heap = heap_state();
	if (count >= RELEASE_PAGES)
		release_to_kernel(first, count);
	/* Whatever this page becomes, a second free of the block must not
	 * find it in use. */
	heap_page(first)->kind = HEAP_PAGE_FREE;

	if (first > heap->data_first_page) {
		struct heap_page *left = heap_page(first - 1);
		if (left->kind == HEAP_PAGE_FREE) {
			uint64_t left_first = left->span_first;
			remove_free_span(left_first);
			count += first - left_first;
			first = left_first;
		}
	}

	uint64_t end = first + count;
	if (end == heap->top_page) {
		heap->top_page = first;
		heap_page(first)->kind = HEAP_PAGE_UNUSED;
		return;
	}
	struct heap_page *right = heap_page(end);
	if (right->kind == HEAP_PAGE_FREE) {
		count += right->span_pages;
		remove_free_span(end);
	}
	insert_free_span(first, count);
}

int xmig_heap_grow_span(uint64_t first, uint64_t count, uint64_t new_count)
{
	struct heap_state *heap = heap_state();
	uint64_t end = first + count;
	uint64_t extra = new_count - count;
	if (end == heap->top_page) {
		if (extend_top(extra) != 0)
			return -1;
	} else {
		/* No free span ends at the top, so this one is all there is. */
		struct heap_page *right = heap_page(end);
		if (right->kind != HEAP_PAGE_FREE || right->span_pages < extra)
			return -1;
		uint64_t available = right->span_pages;
		remove_free_span(end);
		if (available > extra)
			insert_free_span(end + extra, available - extra);
	}
	xmig_heap_mark_span(first, new_count);
	return 0;
}

int xmig_heap_release_free_pages(void)
{
	struct heap_state *heap = heap_state();
	int released = 0;
	for (unsigned bin = 0; bin < HEAP_SPAN_BIN_COUNT; bin++) {
		for (uint64_t first = heap->free_span_bins[bin]; first != 0;
		     first = heap_page(first)->next) {
			release_to_kernel(first, heap_page(first)->span_pages);
			released = 1;
		}
	}
	if (heap->clean_page > heap->top_page) {
		release_to_kernel(heap->top_page, heap->clean_page - heap->top_page);
		released = 1;
	}
	return released;
}
