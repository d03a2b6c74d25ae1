/* A destination on another host, reached with OpenSSH: `ssh://[user@]host
 * [:port][/dir]`. The image streams through one ssh connection into
 * `xmig-run --restore -` there, and the program's output and exit status
 * come back through the same connection. The ssh command is XMIG_SSH's
 * words (default `ssh`), so that keys and options can be given. */
#ifndef XMIG_RUN_REMOTE_H
#define XMIG_RUN_REMOTE_H

#include "binaries.h"

#include <stddef.h>
#include <stdint.h>

struct run_remote {
	char target[512]; /* [user@]host */
	char port[16];    /* "" for ssh's default */
	char directory[1024];
	enum run_isa isa;
	const char *xmig_run; /* the remote command, XMIG_REMOTE_RUN or xmig-run */
};

int run_remote_parse(const char *url, struct run_remote *remote, char *error, size_t size);

/* Reaches the host and learns its ISA (unless isa_known), before anything
 * is stopped. 0, or -1 with a message. */
int run_remote_probe(struct run_remote *remote, int isa_known, char *error, size_t size);

/* Streams the image into the remote restore and waits for the program to
 * end there: 0 with its wait status, or -1 with a message when ssh itself
 * failed (then whether the image arrived is unknown: keep it). */
int run_remote_restore(const struct run_remote *remote, const char *program, char *const *arguments,
                       const uint8_t *image, size_t image_size, int *status, char *error,
                       size_t size);

#endif
