/* Writing an image the way every xmig tool does: 0600, whole under a
 * temporary name, synced, then renamed, so that nobody ever sees half an
 * image and a failure leaves nothing behind. */
#ifndef XMIG_TOOLS_IMAGE_FILE_H
#define XMIG_TOOLS_IMAGE_FILE_H

#include <stddef.h>
#include <stdint.h>

/* All of it, retrying short writes and EINTR; 0, or -1 with errno set
 * (ENOSPC when the descriptor takes no more). */
int xmig_write_all(int descriptor, const uint8_t *bytes, size_t size);

/* 0, or -1 with errno set and nothing left at path. */
int xmig_write_image_file(const char *path, const uint8_t *bytes, size_t size);

#endif
