#include "blocks.h"

#include <malloc.h>

size_t malloc_usable_size(void *pointer)
{
	return xmig_heap_find_block(pointer, "malloc_usable_size").usable_size;
}
