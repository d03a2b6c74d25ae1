/* Writing the destination's image after a transformation, in memory: the
 * source image's migrated ranges unchanged, the rebuilt native stack in
 * place of the old one, the destination ISA's register notes, and the
 * destination binary's identity (build-id and path). Same format as the
 * runtime writes (xmig/image_format.h), so the runtime restores it and
 * gdb-multiarch reads it. */
#ifndef XMIG_IMAGE_REBUILD_H
#define XMIG_IMAGE_REBUILD_H

#include "xmig/core_registers.h"
#include "xmig/error.h"
#include "xmig/image_memory.h"
#include "xmig/image_reader.h"
#include "xmig/stack_memory.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_image_rebuild {
	const struct xmig_image *source;
	const struct xmig_core_layout *layout; /* the destination ISA's */
	const struct xmig_registers *registers;
	const uint8_t *build_id;
	size_t build_id_size;
	const char *binary_path;
	const struct xmig_stack_memory *native_stack; /* [sp, top) */
	const uint8_t *frames;                        /* the XMIG_NOTE_FRAMES descriptor */
	size_t frames_size;
};

/* The new image in *image; the caller puts it back (xmig_image_memory_put). */
int xmig_image_rebuild(const struct xmig_image_rebuild *rebuild, struct xmig_image_memory *image,
                       struct xmig_error *error);

#endif
