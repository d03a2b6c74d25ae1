/* malloc, free, calloc and realloc, which replace glibc's: a static link takes
 * them from libxmig.a, which comes before libc.a, so glibc's allocator (whose
 * every entry point xmig also defines) is never linked. */
#include "allocate.h"
#include "large_blocks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void *malloc(size_t size)
{
	return heap_malloc(size);
}

void free(void *pointer)
{
	heap_free(pointer);
}

/* Where the pages that have never been handed out start: blocks there are
 * still zero. */
static uintptr_t clean_memory_start(void)
{
	if (!xmig_heap_attached)
		return UINTPTR_MAX; /* attaching may adopt a heap that migrated here */
	return (uintptr_t)heap_page_address(heap_state()->clean_page);
}

void *calloc(size_t count, size_t size)
{
	size_t bytes;
	if (__builtin_mul_overflow(count, size, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	uintptr_t clean = clean_memory_start();
	char *block = heap_malloc(bytes);
	if (block == NULL)
		return NULL;
	if ((uintptr_t)block < clean)
		memset(block, 0,
		       bytes < clean - (uintptr_t)block ? bytes : clean - (uintptr_t)block);
	return block;
}

void *realloc(void *pointer, size_t size)
{
	if (pointer == NULL)
		return heap_malloc(size);
	if (size == 0) {
		/* glibc's choice among those C allows. */
		heap_free(pointer);
		return NULL;
	}

	struct heap_block block = xmig_heap_find_block(pointer, "realloc");
	if (block.kind == HEAP_BLOCK_SMALL && size <= HEAP_SMALL_MAX &&
	    heap_size_class_of(size) == block.span->size_class)
		return pointer;
	if (block.kind == HEAP_BLOCK_LARGE && size > HEAP_SMALL_MAX &&
	    xmig_heap_large_resize(block.span, size) == 0)
		return pointer;

	void *moved = heap_malloc(size);
	if (moved == NULL)
		return NULL;
	memcpy(moved, pointer, size < block.usable_size ? size : block.usable_size);
	heap_free(pointer);
	return moved;
}

/* glibc's own names for them, which programs written against glibc's
 * internals may use. */
extern __typeof(malloc) __libc_malloc __attribute__((alias("malloc")));
extern __typeof(free) __libc_free __attribute__((alias("free")));
extern __typeof(calloc) __libc_calloc __attribute__((alias("calloc")));
extern __typeof(realloc) __libc_realloc __attribute__((alias("realloc")));
