/* Which pages of anonymous memory were never written: those read as zero,
 * and the capture need not read them to know it. Large zero-initialized
 * arrays are mostly such pages, and faulting each one in to check it costs
 * more than writing the rest of the image. */
#ifndef XMIG_RUNTIME_UNTOUCHED_PAGES_H
#define XMIG_RUNTIME_UNTOUCHED_PAGES_H

#include <stdint.h>

struct xmig_untouched_pages {
	int descriptor; /* /proc/self/pagemap, or -1 when it cannot be trusted */
	uint64_t first_page, page_count;
	uint64_t entries[512];
};

void xmig_untouched_pages_open(struct xmig_untouched_pages *pages);
void xmig_untouched_pages_close(struct xmig_untouched_pages *pages);

/* 1 when the page at `address` is known to hold only zeros without reading
 * it: neither present nor swapped out, and not backed by the binary's file.
 * 0 when unknown. */
int xmig_page_untouched(struct xmig_untouched_pages *pages, uint64_t address);

#endif
