/* How the heap lays itself out inside the arena of xmig/layout.h: a header,
 * then a table with one descriptor per 64 KiB page, then the pages that hold
 * the blocks. All of it is made of fixed-width integers with explicit padding,
 * so the x86_64 and the aarch64 runtime read the same bytes the same way:
 * after a migration the other ISA's allocator carries on with the arena it
 * finds, without any conversion. docs/heap.md describes the design.
 *
 * The allocator assumes a single thread (xmig does not support threads yet)
 * and is not async-signal-safe, like glibc's. */
#ifndef XMIG_HEAP_ARENA_LAYOUT_H
#define XMIG_HEAP_ARENA_LAYOUT_H

#include "xmig/layout.h"

#include <stddef.h>
#include <stdint.h>

#define HEAP_LIKELY(condition)   __builtin_expect(!!(condition), 1)
#define HEAP_UNLIKELY(condition) __builtin_expect(!!(condition), 0)

/* Spans of pages are the unit the arena is carved into. 64 KiB is the largest
 * page size of any kernel either ISA runs, so every span can be given back to
 * the kernel on its own. */
#define HEAP_PAGE_SHIFT 16
#define HEAP_PAGE_SIZE  ((uint64_t)1 << HEAP_PAGE_SHIFT)
#define HEAP_MAX_PAGES  (XMIG_HEAP_ARENA_SIZE >> HEAP_PAGE_SHIFT)

/* Every block is aligned to max_align_t, which is 16 bytes on both ISAs. A
 * granule index (a byte offset from the arena's base divided by 16) fits in
 * 32 bits for the whole 16 GiB arena. */
#define HEAP_GRANULE_SHIFT     4
#define HEAP_GRANULE           ((uint64_t)1 << HEAP_GRANULE_SHIFT)

#define HEAP_SMALL_CLASS_COUNT 40
#define HEAP_SMALL_MAX         32768 /* the largest size class */
#define HEAP_SPAN_BIN_COUNT    88    /* enough for spans of up to 2^18 pages */

#define HEAP_MAGIC             0x50414548474d4958ULL /* "XMIGHEAP" */
#define HEAP_LAYOUT_VERSION    1

enum heap_page_kind {
	HEAP_PAGE_UNUSED = 0, /* metadata, or above the top: never part of a span */
	/* The first page of a run of small blocks of one size class, in (or out
	 * of) its class's list of runs that may have room. */
	HEAP_PAGE_RUN_LISTED,
	HEAP_PAGE_RUN_FULL,
	HEAP_PAGE_LARGE, /* the first page of a large block */
	HEAP_PAGE_FREE,  /* the first or the last page of a free span */
	HEAP_PAGE_INNER, /* any other page of a run, the last page of a large block */
};

/* One per page. The first page of every span and the last page of every
 * span always describe it; pages in between only do for runs (a small block
 * can lie on any page of its run). */
struct heap_page {
	uint16_t kind;         /* enum heap_page_kind */
	uint16_t size_class;   /* runs */
	uint32_t span_first;   /* the index of the span's first page */
	uint32_t span_pages;   /* the span's length: first page, and last page of free spans */
	uint32_t live_blocks;  /* runs: blocks handed out and not freed */
	uint32_t fresh_offset; /* runs: offset of the first block never handed out */
	uint32_t free_blocks;  /* runs: granule of the first freed block, 0 when none */
	uint32_t next;         /* the next span in its list (page index), 0 ends it */
	uint32_t prev;
};

/* At the arena's base. */
struct heap_state {
	uint64_t magic;
	uint64_t layout_version;
	/* What this layout was built for, checked when a heap is adopted. */
	uint64_t arena_base;
	uint64_t page_size;
	uint64_t table_offset;
	uint64_t data_first_page;
	/* Pages from top_page up hold nothing: the heap's high-water mark. */
	uint64_t top_page;
	/* Pages from clean_page up have never been handed out, so they still
	 * read as zero (calloc need not clear them). */
	uint64_t clean_page;
	uint64_t limit_page; /* top_page never passes it */
	uint64_t nonempty_span_bins[2];
	uint64_t reserved[5];
	/* Per size class: the first run that may have room (page index, or 0). */
	uint32_t runs_with_room[HEAP_SMALL_CLASS_COUNT];
	/* Free spans by length (see page_spans.c): the first span's page index. */
	uint32_t free_span_bins[HEAP_SPAN_BIN_COUNT];
};

#define HEAP_STATE_BYTES  4096
#define HEAP_TABLE_OFFSET HEAP_STATE_BYTES
#define HEAP_DATA_FIRST_PAGE                                                                       \
	((HEAP_TABLE_OFFSET + HEAP_MAX_PAGES * sizeof(struct heap_page) + HEAP_PAGE_SIZE - 1) >>   \
	 HEAP_PAGE_SHIFT)

/* The layout is part of the migration contract: the same on every ISA. */
_Static_assert(sizeof(struct heap_page) == 32, "page descriptors are 32 bytes");
_Static_assert(offsetof(struct heap_page, free_blocks) == 20, "page descriptor layout");
_Static_assert(offsetof(struct heap_state, runs_with_room) == 128, "heap header layout");
_Static_assert(sizeof(struct heap_state) ==
                       128 + 4 * (HEAP_SMALL_CLASS_COUNT + HEAP_SPAN_BIN_COUNT),
               "heap header layout");
_Static_assert(sizeof(struct heap_state) <= HEAP_STATE_BYTES, "the header fits its place");
_Static_assert(XMIG_HEAP_ARENA_SIZE >> HEAP_GRANULE_SHIFT <= UINT32_MAX + 1ULL,
               "granule indices fit in 32 bits");
_Static_assert(XMIG_HEAP_ARENA_BASE % HEAP_PAGE_SIZE == 0, "the arena starts on a page");

static inline struct heap_state *heap_state(void)
{
	return (struct heap_state *)XMIG_HEAP_ARENA_BASE;
}

static inline struct heap_page *heap_page(uint64_t index)
{
	return (struct heap_page *)(XMIG_HEAP_ARENA_BASE + HEAP_TABLE_OFFSET) + index;
}

static inline uint64_t heap_page_index(const struct heap_page *page)
{
	return (uint64_t)(page - heap_page(0));
}

static inline char *heap_page_address(uint64_t index)
{
	return (char *)(XMIG_HEAP_ARENA_BASE + (index << HEAP_PAGE_SHIFT));
}

static inline uint64_t heap_offset(const void *pointer)
{
	return (uintptr_t)pointer - XMIG_HEAP_ARENA_BASE;
}

static inline void *heap_granule_address(uint32_t granule)
{
	return (char *)(XMIG_HEAP_ARENA_BASE + ((uint64_t)granule << HEAP_GRANULE_SHIFT));
}

#endif
