/* Shared state and entry points of the EP kernel. */
#ifndef EP_H
#define EP_H

#include <stdbool.h>

#include "ep_params.h"

/* Pairs are produced in batches of 2^16 so that each batch can start from a
 * seed computed directly, independent of every other batch. */
#define EP_LOG2_BATCH_PAIRS 16
#define EP_BATCH_PAIRS      (1L << EP_LOG2_BATCH_PAIRS)
#define EP_BATCH_COUNT      (1L << (EP_LOG2_PAIRS - EP_LOG2_BATCH_PAIRS))
#define EP_TOTAL_UNIFORMS   (2.0 * (double)(1L << EP_LOG2_PAIRS))

#define EP_SEED             271828183.0
#define EP_ANNULUS_COUNT    10

struct ep_sums {
	double sx;
	double sy;
};

/* Everything the run accumulates over all batches. */
struct ep_tally {
	struct ep_sums sums;
	long annulus_counts[EP_ANNULUS_COUNT];
	long gaussian_pairs;
};

struct ep_generator {
	/* a^(2 * EP_BATCH_PAIRS): the stride in the sequence from one batch to the next. */
	double batch_multiplier;
	/* 2 * EP_BATCH_PAIRS uniform numbers, refilled for every batch. */
	double *uniforms;
};

/* batch.c */
bool ep_generator_init(struct ep_generator *generator);
void ep_generator_release(struct ep_generator *generator);
double ep_batch_seed(long batch, double batch_multiplier);
void ep_process_batch(long batch, const struct ep_generator *generator, struct ep_tally *tally);

/* gaussian.c */
void ep_tally_uniform_pairs(const double *uniforms, long pair_count, struct ep_tally *tally);

/* verification.c */
struct ep_verification {
	double sx_relative_error;
	double sy_relative_error;
	bool passed;
};
void ep_verify(const struct ep_sums *sums, struct ep_verification *verification);

/* report.c */
void ep_print_header(void);
void ep_print_tally(const struct ep_tally *tally, double seconds,
                    const struct ep_verification *verification);

#endif
