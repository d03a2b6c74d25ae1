#define _GNU_SOURCE
#include "xmig/ranges.h"
#include "xmig/layout.h"

#include <errno.h>
#include <sys/mman.h>

const struct xmig_range xmig_heap_arena_range = {
        .name = "heap arena",
        .base = XMIG_HEAP_ARENA_BASE,
        .size = XMIG_HEAP_ARENA_SIZE,
        .guard_above = XMIG_GUARD_SIZE,
};

const struct xmig_range xmig_data_stack_range = {
        .name = "data stack",
        .base = XMIG_DATA_STACK_BASE,
        .size = XMIG_DATA_STACK_SIZE,
        .guard_above = XMIG_GUARD_SIZE,
};

const struct xmig_range xmig_native_stack_range = {
        .name = "native stack",
        .base = XMIG_NATIVE_STACK_BASE,
        .size = XMIG_NATIVE_STACK_SIZE,
        .guard_below = XMIG_GUARD_SIZE,
};

static int range_is_well_formed(const struct xmig_range *range)
{
	return range->size > range->guard_below + range->guard_above &&
	       range->base + range->size > range->base &&
	       range->base + range->size <= XMIG_ADDRESS_LIMIT;
}

uintptr_t xmig_range_usable_end(const struct xmig_range *range)
{
	return range->base + range->size - range->guard_above;
}

int xmig_reserve_range(const struct xmig_range *range)
{
	if (!range_is_well_formed(range)) {
		errno = EINVAL;
		return -1;
	}

	/* MAP_FIXED_NOREPLACE alone is not enough: older kernels ignore it and
	 * qemu-user 7.2 treats it as a hint, returning another address when the
	 * range is taken. Checking the result catches both. */
	void *wanted = (void *)range->base;
	void *mapped =
	        mmap(wanted, range->size, PROT_NONE,
	             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (mapped == MAP_FAILED)
		return -1;
	if (mapped != wanted) {
		munmap(mapped, range->size);
		errno = EEXIST;
		return -1;
	}

	void *usable = (char *)mapped + range->guard_below;
	size_t usable_size = range->size - range->guard_below - range->guard_above;
	if (mprotect(usable, usable_size, PROT_READ | PROT_WRITE) != 0) {
		int saved_errno = errno;
		munmap(mapped, range->size);
		errno = saved_errno;
		return -1;
	}
	return 0;
}
