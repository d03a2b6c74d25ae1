/* A program of several units, built by the xmig-cc tests one object at a
 * time, from archives, and with make: calls, function pointers and data
 * across units, and libm. Prints only deterministic output. */
#ifndef XMIG_CC_TEST_PROGRAM_H
#define XMIG_CC_TEST_PROGRAM_H

struct shape {
	const char *name;
	double (*area)(const double *sizes);
	double sizes[2];
};

extern const struct shape shapes[];
extern const int shape_count;

/* Running statistics, kept in stats.c's globals. */
void stats_add(double value);
double stats_mean(void);
double stats_deviation(void);
long stats_count(void);

#endif
