/* Marsaglia's polar method: a uniform pair inside the unit disc becomes a pair
 * of independent Gaussian deviates, which are summed and counted by annulus. */
#include <math.h>

#include "ep.h"

struct gaussian_pair {
	double x;
	double y;
};

/* Maps a uniform pair from (0,1)^2 onto (-1,1)^2 and, when it lands inside the
 * unit disc, scales it into a Gaussian pair. Pairs outside are rejected. */
static bool polar_transform(double uniform_x, double uniform_y, struct gaussian_pair *deviates)
{
	double x = 2.0 * uniform_x - 1.0;
	double y = 2.0 * uniform_y - 1.0;
	double radius_squared = x * x + y * y;

	if (radius_squared > 1.0)
		return false;

	double scale = sqrt(-2.0 * log(radius_squared) / radius_squared);
	deviates->x = x * scale;
	deviates->y = y * scale;
	return true;
}

/* Annulus l holds the pairs with l <= max(|x|, |y|) < l + 1: square annuli, so
 * the test is a comparison rather than a square root. */
static int annulus_of(const struct gaussian_pair *deviates)
{
	double extent = fmax(fabs(deviates->x), fabs(deviates->y));
	return (int)extent;
}

void ep_tally_uniform_pairs(const double *uniforms, long pair_count, struct ep_tally *tally)
{
	/* Counting in a local table first keeps the hot loop off the shared tally;
	 * the sums still go straight into it so their rounding follows the
	 * sequential order the reference values were computed in. */
	long batch_counts[EP_ANNULUS_COUNT] = {0};
	struct gaussian_pair deviates;

	for (long pair = 0; pair < pair_count; pair++) {
		if (!polar_transform(uniforms[2 * pair], uniforms[2 * pair + 1], &deviates))
			continue;

		int annulus = annulus_of(&deviates);
		if (annulus < EP_ANNULUS_COUNT)
			batch_counts[annulus]++;
		tally->sums.sx += deviates.x;
		tally->sums.sy += deviates.y;
	}

	for (int annulus = 0; annulus < EP_ANNULUS_COUNT; annulus++) {
		tally->annulus_counts[annulus] += batch_counts[annulus];
		tally->gaussian_pairs += batch_counts[annulus];
	}
}
