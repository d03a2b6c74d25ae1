#include "allocate.h"
#include "bootstrap.h"
#include "large_blocks.h"

/* The smallest class whose blocks are all aligned: runs start on a page, so a
 * block size that is a multiple of the alignment is enough. */
static int aligned_size_class(uint64_t size, uint64_t alignment)
{
	if (size > HEAP_SMALL_MAX || alignment > HEAP_SMALL_MAX)
		return -1;
	unsigned size_class = heap_size_class_of(size < alignment ? alignment : size);
	for (; size_class < HEAP_SMALL_CLASS_COUNT; size_class++)
		if (xmig_heap_size_classes[size_class].block_size % alignment == 0)
			return (int)size_class;
	return -1;
}

void *xmig_heap_allocate(uint64_t size, uint64_t alignment)
{
	if (alignment < HEAP_GRANULE)
		alignment = HEAP_GRANULE;
	if (HEAP_UNLIKELY(!xmig_heap_attached) && xmig_heap_attach() != 0)
		return xmig_heap_bootstrap_alloc(size, alignment);

	int size_class = aligned_size_class(size, alignment);
	if (size_class >= 0)
		return heap_small_alloc((unsigned)size_class);
	return xmig_heap_large_alloc(size, alignment);
}
