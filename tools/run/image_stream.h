/* An image arriving through a pipe, kept in memory. The runtime may keep the
 * pipe open after writing (a checkpoint that continues), so the image's end
 * comes from its own program headers: the last segment ends the file. */
#ifndef XMIG_RUN_IMAGE_STREAM_H
#define XMIG_RUN_IMAGE_STREAM_H

#include <stddef.h>
#include <stdint.h>

struct run_image {
	uint8_t *bytes;
	size_t size, capacity;
	size_t expected;             /* 0 until the headers are in */
	int mapped;                  /* bytes are a mapping of capacity bytes, not malloc'd */
	double first_byte, complete; /* seconds, run_now() */
};

/* Reads what the descriptor has. 1 when the image is complete, 0 when more
 * is to come, -1 at end of file before it is complete (or on a read error,
 * errno set; EIO for a malformed header). */
int run_image_read(struct run_image *image, int descriptor);

void run_image_reset(struct run_image *image);

/* Seconds on a monotonic clock. */
double run_now(void);

#endif
