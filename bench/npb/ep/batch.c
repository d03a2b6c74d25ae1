/* Producing one batch of uniform pairs and folding it into the tally. */
#include <stdlib.h>

#include "ep.h"
#include "npb_random.h"

bool ep_generator_init(struct ep_generator *generator)
{
	/* Squaring a once per doubling of the stride: after EP_LOG2_BATCH_PAIRS + 1
	 * squarings the multiplier jumps 2 * EP_BATCH_PAIRS places in the sequence. */
	double multiplier = NPB_RANDOM_MULTIPLIER;
	for (int squaring = 0; squaring < EP_LOG2_BATCH_PAIRS + 1; squaring++)
		randlc(&multiplier, multiplier);
	generator->batch_multiplier = multiplier;

	generator->uniforms = malloc(2 * EP_BATCH_PAIRS * sizeof(double));
	return generator->uniforms != NULL;
}

void ep_generator_release(struct ep_generator *generator)
{
	free(generator->uniforms);
	generator->uniforms = NULL;
}

/* The seed of a batch is EP_SEED * batch_multiplier^batch (mod 2^46), found by
 * binary exponentiation so that any batch can be started without generating
 * the ones before it. */
double ep_batch_seed(long batch, double batch_multiplier)
{
	double seed = EP_SEED;
	double power = batch_multiplier;
	long remaining = batch;

	while (remaining != 0) {
		if (remaining & 1)
			randlc(&seed, power);
		remaining >>= 1;
		if (remaining != 0)
			randlc(&power, power);
	}
	return seed;
}

void ep_process_batch(long batch, const struct ep_generator *generator, struct ep_tally *tally)
{
	double seed = ep_batch_seed(batch, generator->batch_multiplier);

	vranlc(2 * EP_BATCH_PAIRS, &seed, NPB_RANDOM_MULTIPLIER, generator->uniforms);
	ep_tally_uniform_pairs(generator->uniforms, EP_BATCH_PAIRS, tally);
}
