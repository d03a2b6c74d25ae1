/* A destination on another host, reached with OpenSSH: `ssh://[user@]host
 * [:port][/dir]`. One ssh connection runs `xmig-run --serve` there, and
 * everything goes through it in frames (frames.h): the image there and back,
 * the program's output, its exit status. The ssh command is XMIG_SSH's
 * words (default `ssh`), so that keys and options can be given. */
#ifndef XMIG_RUN_REMOTE_H
#define XMIG_RUN_REMOTE_H

#include "binaries.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

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

/* Where the program's binary for the host's ISA is there: at the same path
 * as here, or in the URL's directory. */
void run_remote_binary(const struct run_remote *remote, const char *program, char *path,
                       size_t size);

/* Whether that binary is there (for the checks before the start). */
int run_remote_has_binary(const struct run_remote *remote, const char *program, char *error,
                          size_t size);

/* --ship: copies the local binary for the host's ISA into the URL's
 * directory there, under a temporary name and then renamed. */
int run_remote_ship(const struct run_remote *remote, const char *program, const char *binary,
                    char *error, size_t size);

struct run_connection {
	pid_t ssh;
	int to_host;   /* frames to `xmig-run --serve` */
	int from_host; /* its frames back (non-blocking) */
};

/* Starts `xmig-run --serve` for the program there, which waits for the
 * image. every_points: --every-points for the process there, 0 for none.
 * 0, or -1 with a message. */
int run_remote_connect(const struct run_remote *remote, const char *program, char *const *arguments,
                       uint64_t every_points, struct run_connection *connection, char *error,
                       size_t size);

/* Waits for ssh to end: 0 with xmig-run --serve's status there, or -1 when
 * ssh itself failed (status 255). */
int run_remote_finish(struct run_connection *connection, int *status);

#endif
