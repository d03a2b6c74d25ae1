/* A copy of a native-stack range [low, high), read from an image or being
 * built for one. Every access is bounds-checked: an address the stack maps or
 * the CFI compute from a damaged image is an error, never a stray access. */
#ifndef XMIG_STACK_MEMORY_H
#define XMIG_STACK_MEMORY_H

#include "xmig/error.h"
#include "xmig/image_reader.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_stack_memory {
	uint64_t low, high;
	uint8_t *bytes; /* high - low of them */
};

/* The image's native stack, as captured: from its state note's range, filled
 * from the loads that lie in it. */
int xmig_stack_memory_from_image(const struct xmig_image *image, struct xmig_stack_memory *stack,
                                 struct xmig_error *error);

/* [low, high), zero-filled. */
int xmig_stack_memory_create(uint64_t low, uint64_t high, struct xmig_stack_memory *stack,
                             struct xmig_error *error);

void xmig_stack_memory_free(struct xmig_stack_memory *stack);

int xmig_stack_read(const struct xmig_stack_memory *stack, uint64_t address, void *bytes,
                    size_t size, struct xmig_error *error);
int xmig_stack_write(struct xmig_stack_memory *stack, uint64_t address, const void *bytes,
                     size_t size, struct xmig_error *error);

#endif
