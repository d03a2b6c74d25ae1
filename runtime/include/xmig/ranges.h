/* Reservation of the fixed ranges of xmig/layout.h at start-up. */
#ifndef XMIG_RANGES_H
#define XMIG_RANGES_H

#include <stddef.h>
#include <stdint.h>

struct xmig_range {
	const char *name;
	uintptr_t base;
	size_t size;
	size_t guard_below; /* inaccessible bytes at the start of the range */
	size_t guard_above; /* inaccessible bytes at the end of the range */
};

extern const struct xmig_range xmig_heap_arena_range;
extern const struct xmig_range xmig_data_stack_range;
extern const struct xmig_range xmig_native_stack_range;

/* Maps the range at exactly its base, readable and writable except for its
 * guards. Returns 0, or -1 with errno set: EEXIST when something already
 * occupies part of the range, EINVAL when the range is malformed. Nothing
 * stays mapped on failure. */
int xmig_reserve_range(const struct xmig_range *range);

/* The first byte past the accessible part of the range. */
uintptr_t xmig_range_usable_end(const struct xmig_range *range);

#endif
