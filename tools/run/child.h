/* Starting one process of the program, for one ISA, with the descriptors the
 * runtime talks through: the image pipe (XMIG_IMAGE_FD), the ready pipe
 * (XMIG_READY_FD), the request pipe (XMIG_REQUEST_FD: a byte asks for a
 * migration), and the image to restore (XMIG_RESTORE). */
#ifndef XMIG_RUN_CHILD_H
#define XMIG_RUN_CHILD_H

#include "binaries.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct run_spawn {
	const struct run_binaries *binaries;
	enum run_isa isa;
	char *const *arguments; /* the program's own, NULL-terminated */
	int restore_descriptor; /* an image to restore (a memfd or file), or -1 */
	uint64_t capture_at;    /* XMIG_CAPTURE_AT, 0 for none */
	int continue_after_capture;
	int same_isa_only; /* XMIG_SAME_ISA_ONLY: the image is for this binary only */
	int input, output; /* standard input and output, or -1 to share xmig-run's */
};

struct run_child {
	pid_t pid;
	enum run_isa isa;
	int image;   /* read end of the image pipe */
	int ready;   /* read end of the ready pipe, -1 once read */
	int request; /* write end of the request pipe, non-blocking */
};

/* Asks the child for a migration at its next point that can. */
void run_child_request(const struct run_child *child);

/* Closes what run_spawn left open on this side. */
void run_child_close(struct run_child *child);

int run_spawn(const struct run_spawn *spawn, struct run_child *child, char *error, size_t size);

#endif
