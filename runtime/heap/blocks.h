/* What a pointer handed to free, realloc or malloc_usable_size is: the general
 * path, which checks it. */
#ifndef XMIG_HEAP_BLOCKS_H
#define XMIG_HEAP_BLOCKS_H

#include "arena_layout.h"

enum heap_block_kind {
	HEAP_BLOCK_NONE, /* NULL */
	HEAP_BLOCK_BOOTSTRAP,
	HEAP_BLOCK_SMALL,
	HEAP_BLOCK_LARGE,
};

struct heap_block {
	enum heap_block_kind kind;
	struct heap_page *span; /* the first page of its run or large span */
	uint64_t usable_size;
};

/* Aborts, naming the operation, when pointer is not the start of a block
 * in use. */
struct heap_block xmig_heap_find_block(const void *pointer, const char *operation);

/* free's general path. */
void xmig_heap_release(void *pointer);

#endif
