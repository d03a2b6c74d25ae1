/* Memory for a rebuilt image, in a memory file when the system has them: the
 * launcher hands that file to the destination process as it is, instead of
 * copying the image into a new one (for a 10 MB image, milliseconds of the
 * downtime). */
#ifndef XMIG_IMAGE_MEMORY_H
#define XMIG_IMAGE_MEMORY_H

#include <stddef.h>
#include <stdint.h>

struct xmig_image_memory {
	uint8_t *bytes; /* zero-filled */
	size_t size;
	int descriptor; /* the memory file holding bytes, or -1: they are malloc'd */
};

/* Size bytes; NULL bytes if there is no memory for them. */
void xmig_image_memory_get(struct xmig_image_memory *memory, size_t size);

void xmig_image_memory_put(struct xmig_image_memory *memory);

#endif
