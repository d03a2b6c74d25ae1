#define _GNU_SOURCE
#include "untouched_pages.h"

#include "own_binary.h"

#include <fcntl.h>
#include <unistd.h>

#define PAGE         4096u
#define PAGE_PRESENT (1ULL << 63)
#define PAGE_SWAPPED (1ULL << 62)
#define ENTRIES      (sizeof(((struct xmig_untouched_pages *)0)->entries) / sizeof(uint64_t))

/* A page this process has certainly written. */
static volatile uint64_t canary[PAGE / sizeof(uint64_t) * 2];

static int load(struct xmig_untouched_pages *pages, uint64_t page)
{
	ssize_t bytes = pread(pages->descriptor, pages->entries, sizeof pages->entries,
	                      (off_t)(page * sizeof(uint64_t)));
	if (bytes <= 0)
		return -1;
	pages->first_page = page;
	pages->page_count = (uint64_t)bytes / sizeof(uint64_t);
	return 0;
}

void xmig_untouched_pages_open(struct xmig_untouched_pages *pages)
{
	pages->page_count = 0;
	pages->descriptor = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (pages->descriptor < 0)
		return;
	/* Under an emulator the addresses the program sees need not be the
	 * ones the kernel's page map describes: trust it only if it shows a
	 * page just written as present. */
	uint64_t address = (uint64_t)(uintptr_t)&canary[PAGE / sizeof(uint64_t)];
	canary[PAGE / sizeof(uint64_t)] = address;
	if (load(pages, address / PAGE) != 0 || !(pages->entries[0] & PAGE_PRESENT)) {
		close(pages->descriptor);
		pages->descriptor = -1;
	}
}

void xmig_untouched_pages_close(struct xmig_untouched_pages *pages)
{
	if (pages->descriptor >= 0)
		close(pages->descriptor);
	pages->descriptor = -1;
}

int xmig_page_untouched(struct xmig_untouched_pages *pages, uint64_t address)
{
	if (pages->descriptor < 0)
		return 0;
	uint64_t page = address / PAGE;
	if (page < pages->first_page || page >= pages->first_page + pages->page_count) {
		if (load(pages, page) != 0)
			return 0;
	}
	uint64_t entry = pages->entries[page - pages->first_page];
	if (entry & (PAGE_PRESENT | PAGE_SWAPPED))
		return 0;
	return !xmig_page_is_file_backed(page * PAGE);
}
