/* NPB IS, the integer sort kernel: 2^N keys drawn from the NPB generator are
 * ranked ten times by bucketed counting, two keys being rewritten before each
 * ranking; five test keys' ranks are checked every iteration against the
 * official values, and at the end the keys are placed by rank and checked to
 * be sorted.
 *
 * For a migration tool it is the integer and memory case: a large global key
 * array, heap-allocated rank and bucket buffers, global per-bucket tables,
 * function-local arrays on the stack, and pointer-chasing scatter loops whose
 * state lives in indices rather than floating-point registers. */
#include <stdio.h>

#include "is.h"
#include "npb_random.h"
#include "npb_results.h"
#include "npb_timer.h"

enum { TIMER_RANKING = 0 };

struct is_run_outcome {
	int partial_checks_passed;
	bool fully_sorted;
	double seconds;
};

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - IS Benchmark\n\n");
	printf(" Size:  %ld  (class %c)\n", IS_TOTAL_KEYS, IS_CLASS_LETTER);
	printf(" Iterations:   %d\n", IS_ITERATIONS);
	printf("\n");
}

static void run_timed_rankings(struct is_workspace *workspace, struct is_run_outcome *outcome)
{
	timer_clear(TIMER_RANKING);
	timer_start(TIMER_RANKING);
	for (int iteration = 1; iteration <= IS_ITERATIONS; iteration++) {
		printf("        %d\n", iteration);
		outcome->partial_checks_passed += is_rank_iteration(iteration, workspace);
	}
	timer_stop(TIMER_RANKING);
	outcome->seconds = timer_read(TIMER_RANKING);
}

static bool report_results(const struct is_run_outcome *outcome)
{
	bool verified = outcome->fully_sorted &&
	                outcome->partial_checks_passed == IS_ITERATIONS * IS_TEST_KEY_COUNT;
	double keys_ranked = (double)IS_ITERATIONS * (double)IS_TOTAL_KEYS;
	struct npb_results results = {
	        .name = "IS",
	        .problem_class = IS_CLASS_LETTER,
	        .size = {IS_TOTAL_KEYS, 0, 0},
	        .iterations = IS_ITERATIONS,
	        .seconds = outcome->seconds,
	        .mops = outcome->seconds > 0.0 ? keys_ranked / outcome->seconds / 1.0e6 : 0.0,
	        .operation = "keys ranked",
	        .verified = verified,
	};

	printf(" Partial checks passed: %d of %d\n", outcome->partial_checks_passed,
	       IS_ITERATIONS * IS_TEST_KEY_COUNT);
	npb_print_results(&results);
	return verified;
}

static bool run_is_benchmark(void)
{
	struct is_workspace workspace;
	struct is_run_outcome outcome = {0};

	if (!is_workspace_init(&workspace)) {
		fprintf(stderr, "IS: cannot allocate the ranking buffers\n");
		return false;
	}

	is_generate_keys(IS_SEED, NPB_RANDOM_MULTIPLIER);

	/* One untimed ranking first, as the reference does, so that the timed
	 * loop does not pay for first-touch page faults. Its checks do not count. */
	is_rank_iteration(1, &workspace);

	run_timed_rankings(&workspace, &outcome);
	outcome.fully_sorted = is_full_verify(&workspace);

	bool verified = report_results(&outcome);
	is_workspace_release(&workspace);
	return verified;
}

int main(void)
{
	print_header();
	return npb_exit_status(run_is_benchmark());
}
