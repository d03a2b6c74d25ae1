/* Writing an image (xmig/image_format.h) of the running process to a
 * descriptor, in one sequential pass, so that a pipe works as well as a
 * file. Never allocates from the program's heap. */
#ifndef XMIG_RUNTIME_IMAGE_WRITER_H
#define XMIG_RUNTIME_IMAGE_WRITER_H

#include "xmig/image_format.h"
#include "xmig/registers.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_image_contents {
	const struct xmig_registers *registers;
	struct xmig_image_state state; /* ranges filled in */
	const uint8_t *build_id;
	uint32_t build_id_size;
	const char *binary_path;
	const char *cwd;
	const uint8_t *files; /* struct xmig_image_file records */
	size_t files_size;
	const struct xmig_image_signal *signals; /* XMIG_IMAGE_SIGNALS of them */
};

/* 0, or -1 with *error saying what failed (errno set for I/O errors). The
 * number of bytes written goes to *written. */
int xmig_image_write(int descriptor, const struct xmig_image_contents *contents, uint64_t *written,
                     const char **error);

#endif
