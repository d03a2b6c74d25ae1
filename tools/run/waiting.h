/* Why a requested migration waits. The runtime says so on its ready pipe
 * (XMIG_READY_DECLINED lines, xmig/runtime.h) each time it declines to
 * capture; xmig-run prints one line once a request has waited 100 ms, and
 * again at most once a second, and a warning when the program ends with the
 * request never served. */
#ifndef XMIG_RUN_WAITING_H
#define XMIG_RUN_WAITING_H

#include "xmig/runtime.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct xmig_program;

struct run_waiting {
	char reason[XMIG_DECLINE_LINE_MAX]; /* the last one the runtime gave; "" none */
	uint64_t at;                        /* the frame it named */
	double reported_at;                 /* 0: not yet for this request */
	/* Whether a request is known to be waiting: one xmig-run made, or one
	 * the runtime made itself (--every-points, --at-point) and declined. */
	int asked;
	double first_declined_at; /* 0: no decline yet */
	/* The wait the capture that begins next is in (XMIG_READY_WAIT);
	 * "" when it is at a migration point of the program's own. */
	char wait_call[32];
	/* A line being read from the ready pipe: its first byte (a kind of
	 * line), or 0 outside one. */
	char line[XMIG_DECLINE_LINE_MAX];
	size_t line_length;
	char in_line;
};

/* A new process or migration: nothing known of why a request would wait.
 * asked: xmig-run has made one. */
void run_waiting_reset(struct run_waiting *waiting, int asked);

/* A new process writes to a new ready pipe: a line the last one left
 * unfinished ends with it, and the new one's bytes are read afresh. */
void run_waiting_new_pipe(struct run_waiting *waiting);

/* Whether a request waits, for the lines and the warning. */
int run_waiting_known(const struct run_waiting *waiting);

/* One byte from the ready pipe, read at `now`: 1 when it was part of a
 * line (a decline, or the wait a capture is in). */
int run_waiting_feed(struct run_waiting *waiting, char byte, double now);

/* Since when the request has waited: requested_at for one xmig-run made,
 * the first decline for one the runtime made itself. */
double run_waiting_since(const struct run_waiting *waiting, double requested_at);

/* When the next line is due for a request made at requested_at. */
double run_waiting_due(const struct run_waiting *waiting, double requested_at);

/* Prints the line (program names the frame; NULL: by address only). */
void run_waiting_report(struct run_waiting *waiting, double requested_at, double now,
                        const struct xmig_program *program);

/* The program ended with the request unserved: a warning, and with --stats
 * a record {"migrated": false, ...}. */
void run_waiting_unserved(const struct run_waiting *waiting, double requested_at, double now,
                          const struct xmig_program *program, FILE *stats);

#endif
