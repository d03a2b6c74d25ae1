/* Partial verification after every ranking (the ranks of five test keys) and
 * full verification at the end (the keys, placed by their ranks, are sorted). */
#include <stdio.h>

#include "is.h"

struct test_key {
	long index;
	long base_rank;
	int direction;
	int lag;
};

static const long test_key_index[IS_TEST_KEY_COUNT] = IS_TEST_KEY_INDICES;
static const long test_key_base_rank[IS_TEST_KEY_COUNT] = IS_TEST_KEY_RANKS;
static const int test_key_direction[IS_TEST_KEY_COUNT] = IS_TEST_KEY_DIRECTION;
static const int test_key_lag[IS_TEST_KEY_COUNT] = IS_TEST_KEY_LAG;

static struct test_key test_key(int which)
{
	struct test_key key = {
	        .index = test_key_index[which],
	        .base_rank = test_key_base_rank[which],
	        .direction = test_key_direction[which],
	        .lag = test_key_lag[which],
	};
	return key;
}

static long expected_rank(const struct test_key *key, int iteration)
{
	return key->base_rank + key->direction * (long)(iteration - key->lag);
}

/* The rank of a key is the number of keys strictly smaller than it. */
static long rank_of_value(int value, const int *value_ranks)
{
	return value > 0 ? value_ranks[value - 1] : 0;
}

void is_capture_test_keys(int test_key_values[IS_TEST_KEY_COUNT])
{
	for (int which = 0; which < IS_TEST_KEY_COUNT; which++)
		test_key_values[which] = is_keys[test_key(which).index];
}

int is_partial_verify(int iteration, const int test_key_values[IS_TEST_KEY_COUNT],
                      const int *value_ranks)
{
	int passed = 0;

	for (int which = 0; which < IS_TEST_KEY_COUNT; which++) {
		struct test_key key = test_key(which);
		long rank = rank_of_value(test_key_values[which], value_ranks);

		if (rank == expected_rank(&key, iteration))
			passed++;
		else
			printf("Failed partial verification: iteration %d, test key %d\n",
			       iteration, which);
	}
	return passed;
}

/* Places every key at the last free slot of its value's rank range; this uses
 * up value_ranks, so it may only run once, after the final ranking. */
static void place_keys_by_rank(struct is_workspace *workspace)
{
	for (long bucket = 0; bucket < IS_BUCKET_COUNT; bucket++) {
		long bucket_start = is_bucket_end[bucket] - is_bucket_size[bucket];

		for (long k = bucket_start; k < is_bucket_end[bucket]; k++) {
			int key = workspace->bucketed_keys[k];
			is_keys[--workspace->value_ranks[key]] = key;
		}
	}
}

static long count_keys_out_of_order(void)
{
	long out_of_order = 0;

	for (long i = 1; i < IS_TOTAL_KEYS; i++)
		if (is_keys[i - 1] > is_keys[i])
			out_of_order++;
	return out_of_order;
}

bool is_full_verify(struct is_workspace *workspace)
{
	place_keys_by_rank(workspace);

	long out_of_order = count_keys_out_of_order();
	if (out_of_order != 0)
		printf("Full_verify: number of keys out of sort: %ld\n", out_of_order);
	return out_of_order == 0;
}
