/* NPB EP, the "embarrassingly parallel" kernel: 2^(M+1) numbers from the NPB
 * linear congruential generator, taken in pairs, become Gaussian deviates by
 * Marsaglia's polar method; their sums and a count per square annulus are
 * checked against the official values.
 *
 * For a migration tool it is the floating-point case: long-running loops whose
 * live state is mostly doubles in registers and on the stack, a heap buffer
 * refilled every batch, a tally held in a global struct, a per-batch local
 * array of counts, and calls into libm on every accepted pair. */
#include <stdio.h>

#include "ep.h"
#include "npb_results.h"
#include "npb_timer.h"

enum { TIMER_TOTAL = 0 };

/* Global so that the running totals live in .data/.bss, not on a stack. */
static struct ep_tally run_tally;

static double run_timed_batches(const struct ep_generator *generator)
{
	timer_clear(TIMER_TOTAL);
	timer_start(TIMER_TOTAL);
	for (long batch = 0; batch < EP_BATCH_COUNT; batch++)
		ep_process_batch(batch, generator, &run_tally);
	timer_stop(TIMER_TOTAL);
	return timer_read(TIMER_TOTAL);
}

static void report_results(double seconds, const struct ep_verification *verification)
{
	struct npb_results results = {
	        .name = "EP",
	        .problem_class = EP_CLASS_LETTER,
	        .size = {1L << (EP_LOG2_PAIRS + 1), 0, 0},
	        .iterations = 0,
	        .seconds = seconds,
	        .mops = seconds > 0.0 ? EP_TOTAL_UNIFORMS / seconds / 1.0e6 : 0.0,
	        .operation = "Random numbers generated",
	        .verified = verification->passed,
	};

	ep_print_tally(&run_tally, seconds, verification);
	npb_print_results(&results);
}

static bool run_ep_benchmark(void)
{
	struct ep_generator generator;
	struct ep_verification verification;

	if (!ep_generator_init(&generator)) {
		fprintf(stderr, "EP: cannot allocate the batch buffer\n");
		return false;
	}

	double seconds = run_timed_batches(&generator);
	ep_verify(&run_tally.sums, &verification);
	report_results(seconds, &verification);

	ep_generator_release(&generator);
	return verification.passed;
}

int main(void)
{
	ep_print_header();
	return npb_exit_status(run_ep_benchmark());
}
