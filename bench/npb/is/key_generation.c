/* The keys: each is the sum of four consecutive uniform numbers scaled to the
 * key range, which gives a roughly bell-shaped distribution over [0, MAX_KEY). */
#include "is.h"
#include "npb_random.h"

int is_keys[IS_TOTAL_KEYS];

/* Summed left to right, as the reference does, so that every key rounds the
 * same way it did there. */
static double sum_of_four_uniforms(double *seed, double multiplier)
{
	double sum = randlc(seed, multiplier);
	sum += randlc(seed, multiplier);
	sum += randlc(seed, multiplier);
	sum += randlc(seed, multiplier);
	return sum;
}

void is_generate_keys(double seed, double multiplier)
{
	/* The sum lies in (0, 4), so a quarter of the range per unit keeps every key
	 * below IS_MAX_KEY. */
	const double scale = (double)(IS_MAX_KEY / 4);

	for (long i = 0; i < IS_TOTAL_KEYS; i++)
		is_keys[i] = (int)(scale * sum_of_four_uniforms(&seed, multiplier));
}
