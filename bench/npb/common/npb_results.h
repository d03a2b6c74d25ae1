/* The NPB results block that every kernel prints at the end of its run.
 * Tools that run NPB look for its "Verification" and "Time in seconds" lines. */
#ifndef NPB_RESULTS_H
#define NPB_RESULTS_H

#include <stdbool.h>

struct npb_results {
	const char *name;   /* "EP", "IS", ... */
	char problem_class; /* 'S', 'W', 'A', ... */
	long size[3];       /* problem size; size[1] == 0 prints one dimension */
	int iterations;
	double seconds;
	double mops;           /* millions of operations per second */
	const char *operation; /* what "mops" counts */
	bool verified;
};

void npb_print_results(const struct npb_results *results);

/* The process exit status for a verification outcome. */
int npb_exit_status(bool verified);

#endif
