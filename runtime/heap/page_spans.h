/* Spans of whole pages, from which runs and large blocks are cut. */
#ifndef XMIG_HEAP_PAGE_SPANS_H
#define XMIG_HEAP_PAGE_SPANS_H

#include <stdint.h>

/* A span of count pages, its first and last page describing it (the caller
 * sets the first page's kind). Returns its first page's index, or 0 when the
 * arena cannot hold it below its limit. */
uint64_t xmig_heap_take_pages(uint64_t count);

/* Frees the span that starts at first: it joins its free neighbours, or
 * lowers the top when it ends there. */
void xmig_heap_give_pages(uint64_t first, uint64_t count);

/* Extends the span in place to new_count pages with the free pages that
 * follow it, or above the top. Returns 0, or -1 (and changes nothing) when
 * they are not free. */
int xmig_heap_grow_span(uint64_t first, uint64_t count, uint64_t new_count);

/* Makes the first and last pages of [first, first + count) describe a span
 * in use (the first page's kind aside). */
void xmig_heap_mark_span(uint64_t first, uint64_t count);

/* The bin that holds free spans of this length. */
unsigned xmig_heap_span_bin(uint64_t pages);

/* Gives the memory of every free page back to the kernel. Returns whether
 * there was any. */
int xmig_heap_release_free_pages(void);

#endif
