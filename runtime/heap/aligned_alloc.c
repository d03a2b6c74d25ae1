/* The aligned allocations: posix_memalign, aligned_alloc, memalign, and the
 * obsolete page-aligned valloc and pvalloc. */
#define _GNU_SOURCE
#include "allocate.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

static int is_power_of_two(size_t value)
{
	return value != 0 && (value & (value - 1)) == 0;
}

int posix_memalign(void **result, size_t alignment, size_t size)
{
	if (!is_power_of_two(alignment) || alignment % sizeof(void *) != 0)
		return EINVAL;
	int saved_errno = errno;
	void *block = xmig_heap_allocate(size, alignment);
	if (block == NULL) {
		errno = saved_errno;
		return ENOMEM;
	}
	*result = block;
	return 0;
}

void *aligned_alloc(size_t alignment, size_t size)
{
	if (!is_power_of_two(alignment)) {
		errno = EINVAL;
		return NULL;
	}
	return xmig_heap_allocate(size, alignment);
}

/* As glibc's: an alignment that is not a power of two is rounded up to one. */
void *memalign(size_t alignment, size_t size)
{
	if (alignment > SIZE_MAX / 2 + 1) {
		errno = EINVAL;
		return NULL;
	}
	size_t power = 1;
	while (power < alignment)
		power <<= 1;
	return xmig_heap_allocate(size, power);
}

/* "Page" means the heap's page, the largest any kernel of either ISA uses:
 * the same block on both ISAs, and aligned to whatever page this one has. */
void *valloc(size_t size)
{
	return xmig_heap_allocate(size, HEAP_PAGE_SIZE);
}

void *pvalloc(size_t size)
{
	if (size > SIZE_MAX - HEAP_PAGE_SIZE) {
		errno = ENOMEM;
		return NULL;
	}
	size_t whole_pages = (size + HEAP_PAGE_SIZE - 1) & ~(HEAP_PAGE_SIZE - 1);
	return xmig_heap_allocate(whole_pages != 0 ? whole_pages : HEAP_PAGE_SIZE, HEAP_PAGE_SIZE);
}

extern __typeof(memalign) __libc_memalign __attribute__((alias("memalign")));
extern __typeof(valloc) __libc_valloc __attribute__((alias("valloc")));
extern __typeof(pvalloc) __libc_pvalloc __attribute__((alias("pvalloc")));
