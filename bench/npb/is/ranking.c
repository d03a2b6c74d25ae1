/* Ranking by counting, done bucket by bucket: the keys are first scattered by
 * their top bits, then each bucket's values are counted and turned into
 * cumulative ranks over just that bucket's slice of the value range. */
#include <stdlib.h>
#include <string.h>

#include "is.h"

long is_bucket_size[IS_BUCKET_COUNT];
long is_bucket_end[IS_BUCKET_COUNT];

bool is_workspace_init(struct is_workspace *workspace)
{
	workspace->bucketed_keys = malloc(IS_TOTAL_KEYS * sizeof(int));
	workspace->value_ranks = malloc(IS_MAX_KEY * sizeof(int));
	if (workspace->bucketed_keys == NULL || workspace->value_ranks == NULL) {
		is_workspace_release(workspace);
		return false;
	}
	return true;
}

void is_workspace_release(struct is_workspace *workspace)
{
	free(workspace->bucketed_keys);
	free(workspace->value_ranks);
	workspace->bucketed_keys = NULL;
	workspace->value_ranks = NULL;
}

static long bucket_of(int key)
{
	return key >> IS_LOG2_BUCKET_SPAN;
}

static void count_keys_per_bucket(void)
{
	memset(is_bucket_size, 0, sizeof(is_bucket_size));
	for (long i = 0; i < IS_TOTAL_KEYS; i++)
		is_bucket_size[bucket_of(is_keys[i])]++;
}

static void scatter_keys_into_buckets(int *bucketed_keys)
{
	long cursor[IS_BUCKET_COUNT];

	cursor[0] = 0;
	for (long bucket = 1; bucket < IS_BUCKET_COUNT; bucket++)
		cursor[bucket] = cursor[bucket - 1] + is_bucket_size[bucket - 1];

	for (long i = 0; i < IS_TOTAL_KEYS; i++) {
		int key = is_keys[i];
		bucketed_keys[cursor[bucket_of(key)]++] = key;
	}

	/* Every cursor has walked to the end of its bucket. */
	memcpy(is_bucket_end, cursor, sizeof(cursor));
}

/* Leaves value_ranks[v] = number of keys <= v for every v in the bucket's
 * value slice. Keys in earlier buckets are all smaller, so the slice starts
 * from the bucket's offset in the bucketed array. */
static void rank_bucket(long bucket, const int *bucketed_keys, int *value_ranks)
{
	long first_value = bucket << IS_LOG2_BUCKET_SPAN;
	long end_value = first_value + (1L << IS_LOG2_BUCKET_SPAN);
	long bucket_start = is_bucket_end[bucket] - is_bucket_size[bucket];

	for (long value = first_value; value < end_value; value++)
		value_ranks[value] = 0;

	for (long k = bucket_start; k < is_bucket_end[bucket]; k++)
		value_ranks[bucketed_keys[k]]++;

	value_ranks[first_value] += (int)bucket_start;
	for (long value = first_value + 1; value < end_value; value++)
		value_ranks[value] += value_ranks[value - 1];
}

/* Rewriting two keys every iteration makes each ranking differ from the last,
 * so nothing can be carried over between iterations. */
static void perturb_keys(int iteration)
{
	is_keys[iteration] = iteration;
	is_keys[iteration + IS_ITERATIONS] = (int)(IS_MAX_KEY - iteration);
}

int is_rank_iteration(int iteration, struct is_workspace *workspace)
{
	int test_key_values[IS_TEST_KEY_COUNT];

	perturb_keys(iteration);
	is_capture_test_keys(test_key_values);

	count_keys_per_bucket();
	scatter_keys_into_buckets(workspace->bucketed_keys);
	for (long bucket = 0; bucket < IS_BUCKET_COUNT; bucket++)
		rank_bucket(bucket, workspace->bucketed_keys, workspace->value_ranks);

	return is_partial_verify(iteration, test_key_values, workspace->value_ranks);
}
