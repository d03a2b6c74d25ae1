/* One run of a program under xmig-run: the process on one ISA, the triggers,
 * and each migration: request, capture into a pipe, transform in memory,
 * restore on the other ISA. */
#ifndef XMIG_RUN_SESSION_H
#define XMIG_RUN_SESSION_H

#include "binaries.h"
#include "remote.h"

#include <stdint.h>
#include <stdio.h>

struct run_options {
	const char *program;
	char **arguments;      /* the program's, NULL-terminated */
	double migrate_after;  /* seconds; < 0: not by time */
	double ping_pong;      /* seconds between migrations; < 0: none */
	uint64_t at_point;     /* migrate at this migration point; 0: not */
	uint64_t every_points; /* back and forth every so many points; 0: not */
	int to_set;
	enum run_isa to;
	const char *checkpoint; /* write the image here instead of migrating */
	int continue_after_checkpoint;
	int portable_checkpoint; /* --portable: a checkpoint either ISA can restore */
	const char *restore;     /* start from this image ("-": standard input) */
	int arch_set;
	enum run_isa arch;         /* the ISA to start or restore on */
	struct run_remote *remote; /* --to ssh://...: migrations go there and back */
	int remote_isa_set;
	int ship;  /* --ship: copy the binary there before the start */
	int serve; /* --serve: the other host's end of a connection (frames.h) */
	const char *keep_images;
	int verbose;
	FILE *stats;
};

/* Takes over the signals xmig-run handles (SIGUSR1 asks for a migration;
 * the others go to the program); before anything else, so that a request
 * sent early is not fatal. 0, or -1 with errno set. */
int run_install_signals(void);

/* Runs it; returns the status xmig-run should exit with (the program's, or
 * XMIG_RUN_FAILED when a migration failed and its image was kept). */
int run_session(const struct run_options *options);

#define XMIG_RUN_USAGE  2
#define XMIG_RUN_FAILED 125

#endif
