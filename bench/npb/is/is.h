/* Shared state and entry points of the IS kernel. Keys and ranks are int: the
 * largest class here has 2^25 keys, well inside its range. */
#ifndef IS_H
#define IS_H

#include <stdbool.h>

#include "is_params.h"

#define IS_TOTAL_KEYS   (1L << IS_LOG2_TOTAL_KEYS)
#define IS_MAX_KEY      (1L << IS_LOG2_MAX_KEY)
#define IS_BUCKET_COUNT (1L << IS_LOG2_BUCKETS)
/* Keys are bucketed by their top bits, so each bucket covers this many values. */
#define IS_LOG2_BUCKET_SPAN (IS_LOG2_MAX_KEY - IS_LOG2_BUCKETS)
#define IS_ITERATIONS       10
#define IS_TEST_KEY_COUNT   5
#define IS_SEED             314159265.0

/* The keys being ranked; at the end, overwritten with them in sorted order. */
extern int is_keys[IS_TOTAL_KEYS];

/* Per-bucket key counts and the end of each bucket's run in the bucketed copy
 * of the keys, both from the most recent ranking. */
extern long is_bucket_size[IS_BUCKET_COUNT];
extern long is_bucket_end[IS_BUCKET_COUNT];

struct is_workspace {
	/* The keys regrouped by bucket (IS_TOTAL_KEYS entries). */
	int *bucketed_keys;
	/* For every key value v, how many keys are <= v (IS_MAX_KEY entries). */
	int *value_ranks;
};

/* key_generation.c */
void is_generate_keys(double seed, double multiplier);

/* ranking.c */
bool is_workspace_init(struct is_workspace *workspace);
void is_workspace_release(struct is_workspace *workspace);
/* Ranks the keys for one iteration and returns how many test-key checks passed. */
int is_rank_iteration(int iteration, struct is_workspace *workspace);

/* verification.c */
int is_partial_verify(int iteration, const int test_key_values[IS_TEST_KEY_COUNT],
                      const int *value_ranks);
void is_capture_test_keys(int test_key_values[IS_TEST_KEY_COUNT]);
bool is_full_verify(struct is_workspace *workspace);

#endif
