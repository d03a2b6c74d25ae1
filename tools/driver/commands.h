/* Running the compilers, linkers and xmig's tools: argument vectors, never a
 * shell, so paths may hold any character. */
#ifndef XMIG_DRIVER_COMMANDS_H
#define XMIG_DRIVER_COMMANDS_H

#include "list.h"

/* -v: print every command before running it. */
void xmig_commands_set_verbose(int verbose);
int xmig_commands_verbose(void);

/* Runs argv (argv.items[0] looked up on PATH when it has no slash) and waits
 * for it. Its stdout goes to /dev/null when quiet and not verbose. On
 * failure prints "xmig-cc: <step> failed" with the reason, when the command
 * did not exit with a status of its own, and returns -1. */
int xmig_run(const char *step, const struct xmig_list *argv, int quiet);

/* Runs argv with its stdout discarded and its stderr collected into *errors
 * (NUL-terminated, for the caller to free). Returns 0 when it ran to an
 * exit, whatever the status, or -1 with a message. */
int xmig_run_collecting(const struct xmig_list *argv, char **errors);
/* The same with its stdout collected into *output, its stderr left alone. */
int xmig_run_output(const struct xmig_list *argv, char **output);

/* SIGINT, SIGTERM and SIGHUP stop the driver only once the command running
 * has ended, so that its temporary files can still be removed. */
void xmig_catch_signals(void);
/* The signal that arrived, or 0. */
int xmig_caught_signal(void);
/* Ends the driver as the caught signal would have; exit handlers do not
 * run, so clean up first. */
void xmig_die_of_caught_signal(void);

#endif
