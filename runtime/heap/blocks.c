#include "blocks.h"
#include "arena.h"
#include "bootstrap.h"
#include "fatal.h"
#include "large_blocks.h"
#include "size_classes.h"
#include "small_blocks.h"

#include <string.h>

static _Noreturn void invalid_pointer(const char *operation)
{
	char message[96] = "";
	strncat(message, operation, 40);
	strcat(message, "(): invalid pointer, or a block freed twice");
	xmig_heap_fatal(message);
}

static struct heap_block small_block(struct heap_page *run, const void *pointer,
                                     const char *operation)
{
	if (run->size_class >= HEAP_SMALL_CLASS_COUNT)
		invalid_pointer(operation);
	uint32_t block_size = xmig_heap_size_classes[run->size_class].block_size;
	uint64_t offset = (uintptr_t)pointer - (uintptr_t)heap_page_address(heap_page_index(run));
	if (offset >= run->fresh_offset || (uint32_t)offset % block_size != 0)
		invalid_pointer(operation);
	return (struct heap_block){HEAP_BLOCK_SMALL, run, block_size};
}

struct heap_block xmig_heap_find_block(const void *pointer, const char *operation)
{
	if (pointer == NULL)
		return (struct heap_block){HEAP_BLOCK_NONE, NULL, 0};
	uint64_t offset = heap_offset(pointer);
	if (offset >= XMIG_HEAP_ARENA_SIZE) {
		if (!xmig_heap_bootstrap_contains(pointer))
			invalid_pointer(operation);
		return (struct heap_block){HEAP_BLOCK_BOOTSTRAP, NULL,
		                           xmig_heap_bootstrap_usable_size(pointer)};
	}
	/* A block of a heap that migrated here before this process allocated. */
	if (xmig_heap_attach() != 0)
		invalid_pointer(operation);

	uint64_t index = offset >> HEAP_PAGE_SHIFT;
	if (index >= heap_state()->top_page)
		invalid_pointer(operation);
	struct heap_page *page = heap_page(index);
	if (page->kind == HEAP_PAGE_INNER) {
		if (page->span_first >= index)
			invalid_pointer(operation);
		page = heap_page(page->span_first);
		if (page->kind != HEAP_PAGE_RUN_LISTED && page->kind != HEAP_PAGE_RUN_FULL)
			invalid_pointer(operation);
	}
	switch (page->kind) {
	case HEAP_PAGE_RUN_LISTED:
	case HEAP_PAGE_RUN_FULL:
		return small_block(page, pointer, operation);
	case HEAP_PAGE_LARGE:
		if ((offset & (HEAP_PAGE_SIZE - 1)) != 0)
			invalid_pointer(operation);
		return (struct heap_block){HEAP_BLOCK_LARGE, page, heap_large_usable_size(page)};
	default:
		invalid_pointer(operation);
	}
}

void xmig_heap_release(void *pointer)
{
	struct heap_block block = xmig_heap_find_block(pointer, "free");
	switch (block.kind) {
	case HEAP_BLOCK_SMALL:
		xmig_heap_small_free_slow(block.span, pointer);
		break;
	case HEAP_BLOCK_LARGE:
		xmig_heap_large_free(block.span);
		break;
	case HEAP_BLOCK_NONE:
	case HEAP_BLOCK_BOOTSTRAP:
		/* Bootstrap blocks are few and small: never reused. */
		break;
	}
}
