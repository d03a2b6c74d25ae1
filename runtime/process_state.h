/* The parts of the process that libc and the kernel keep, not migrated
 * memory, and that the program still relies on after a restore: its open
 * regular files, its working directory, its signal handlers. */
#ifndef XMIG_RUNTIME_PROCESS_STATE_H
#define XMIG_RUNTIME_PROCESS_STATE_H

#include "xmig/image_format.h"
#include "xmig/image_reader.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_process_state {
	const char *cwd;
	const uint8_t *files; /* struct xmig_image_file records */
	size_t files_size;
	const struct xmig_image_signal *signals;
};

/* Records them, skipping the descriptor the image goes to (-1: none). The
 * result points into static storage; -1 with *error on failure. */
int xmig_record_process_state(int image_descriptor, struct xmig_process_state *state,
                              const char **error);

/* The signals the program blocks, bit n-1 for signal n: the image's state
 * carries them, and the re-creation below blocks them again. */
uint64_t xmig_blocked_signals(void);

/* Re-creates them from an image; -1 with a message in `error`. */
int xmig_recreate_process_state(const struct xmig_image *image, char *error, size_t error_size);

#endif
