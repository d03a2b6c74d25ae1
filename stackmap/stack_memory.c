#include "xmig/stack_memory.h"

#include "xmig/image_format.h"
#include "xmig/layout.h"

#include <stdlib.h>
#include <string.h>

/* No native stack is larger than the range the runtime reserves for it. */
#define STACK_LIMIT XMIG_NATIVE_STACK_SIZE

int xmig_stack_memory_create(uint64_t low, uint64_t high, struct xmig_stack_memory *stack,
                             struct xmig_error *error)
{
	stack->low = low;
	stack->high = high;
	stack->bytes = NULL;
	if (high < low || high - low > STACK_LIMIT)
		return xmig_fail(error, "a native stack of [%#llx, %#llx) is not plausible",
		                 (unsigned long long)low, (unsigned long long)high);
	stack->bytes = calloc(1, (size_t)(high - low) + 1);
	if (!stack->bytes)
		return xmig_fail(error, "out of memory for a native stack of %llu bytes",
		                 (unsigned long long)(high - low));
	return 0;
}

void xmig_stack_memory_free(struct xmig_stack_memory *stack)
{
	free(stack->bytes);
	stack->bytes = NULL;
}

int xmig_stack_memory_from_image(const struct xmig_image *image, struct xmig_stack_memory *stack,
                                 struct xmig_error *error)
{
	const uint64_t *range = image->state.ranges[XMIG_RANGE_NATIVE_STACK - 1];
	if (range[0] < XMIG_NATIVE_STACK_BASE ||
	    range[1] > XMIG_NATIVE_STACK_BASE + XMIG_NATIVE_STACK_SIZE || range[0] > range[1] ||
	    range[1] != image->state.native_stack_top)
		return xmig_fail(
		        error,
		        "the image's native stack [%#llx, %#llx) is not in xmig's native-stack "
		        "range",
		        (unsigned long long)range[0], (unsigned long long)range[1]);
	if (xmig_stack_memory_create(range[0], range[1], stack, error) != 0)
		return -1;
	for (size_t i = 0; i < image->load_count; i++) {
		struct xmig_image_load load;
		xmig_image_load_at(image, i, &load);
		if (load.address >= stack->high || load.address + load.memory_size <= stack->low)
			continue;
		if (load.address < stack->low || load.address + load.memory_size > stack->high) {
			xmig_stack_memory_free(stack);
			return xmig_fail(error,
			                 "segment %zu straddles the native stack's range in the "
			                 "state note",
			                 i);
		}
		memcpy(stack->bytes + (load.address - stack->low), load.bytes,
		       (size_t)load.file_size);
	}
	return 0;
}

static int inside(const struct xmig_stack_memory *stack, uint64_t address, size_t size)
{
	return address >= stack->low && address <= stack->high && size <= stack->high - address;
}

int xmig_stack_read(const struct xmig_stack_memory *stack, uint64_t address, void *bytes,
                    size_t size, struct xmig_error *error)
{
	if (!inside(stack, address, size))
		return xmig_fail(error,
		                 "%zu bytes at %#llx lie outside the native stack [%#llx, %#llx)",
		                 size, (unsigned long long)address, (unsigned long long)stack->low,
		                 (unsigned long long)stack->high);
	memcpy(bytes, stack->bytes + (address - stack->low), size);
	return 0;
}

int xmig_stack_write(struct xmig_stack_memory *stack, uint64_t address, const void *bytes,
                     size_t size, struct xmig_error *error)
{
	if (!inside(stack, address, size))
		return xmig_fail(error,
		                 "%zu bytes at %#llx would lie outside the new native stack "
		                 "[%#llx, %#llx)",
		                 size, (unsigned long long)address, (unsigned long long)stack->low,
		                 (unsigned long long)stack->high);
	memcpy(stack->bytes + (address - stack->low), bytes, size);
	return 0;
}
