/* The transformation: an image captured by one binary of a program becomes
 * an image the program's other binary (or the same one: the identity)
 * restores. Everything but the native stack and the registers carries over
 * byte for byte (docs/transform.md). */
#ifndef XMIG_TRANSFORM_H
#define XMIG_TRANSFORM_H

#include "xmig/error.h"
#include "xmig/program.h"
#include "xmig/rewrite.h"
#include "xmig/unwind.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct xmig_transform_result {
	uint8_t *image; /* xmig_transform_result_free */
	size_t size;
	/* A memory file holding exactly the image, or -1. Whoever takes it
	 * (and the mapping at image) sets this to -1 and image to NULL. */
	int descriptor;
	size_t frame_count;
};

/* Transforms `image` (size bytes), captured by `source`, for `destination`.
 * With `trace`, lists every frame source -> destination with its values. */
int xmig_transform(const uint8_t *image, size_t size, const struct xmig_program *source,
                   const struct xmig_program *destination, FILE *trace,
                   struct xmig_transform_result *result, struct xmig_error *error);

void xmig_transform_result_free(struct xmig_transform_result *result);

#endif
