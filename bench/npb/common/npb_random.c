#include "npb_random.h"

static const double two_pow_23 = 8388608.0;
static const double two_pow_minus_23 = 1.0 / 8388608.0;
static const double two_pow_46 = 8388608.0 * 8388608.0;
static const double two_pow_minus_46 = (1.0 / 8388608.0) * (1.0 / 8388608.0);

/* Truncation through int is exact here: every operand is below 2^46, so each
 * 23-bit half fits an int, and the products of halves stay below 2^53. */
static double next_value(double seed, double multiplier_high, double multiplier_low)
{
	double seed_high = (double)(int)(two_pow_minus_23 * seed);
	double seed_low = seed - two_pow_23 * seed_high;

	double cross = multiplier_high * seed_low + multiplier_low * seed_high;
	double cross_carry = (double)(int)(two_pow_minus_23 * cross);
	double cross_low = cross - two_pow_23 * cross_carry;

	double full = two_pow_23 * cross_low + multiplier_low * seed_low;
	double full_carry = (double)(int)(two_pow_minus_46 * full);
	return full - two_pow_46 * full_carry;
}

double randlc(double *seed, double multiplier)
{
	double multiplier_high = (double)(int)(two_pow_minus_23 * multiplier);
	double multiplier_low = multiplier - two_pow_23 * multiplier_high;

	*seed = next_value(*seed, multiplier_high, multiplier_low);
	return two_pow_minus_46 * *seed;
}

void vranlc(int count, double *seed, double multiplier, double *values)
{
	double multiplier_high = (double)(int)(two_pow_minus_23 * multiplier);
	double multiplier_low = multiplier - two_pow_23 * multiplier_high;
	double current = *seed;

	for (int i = 0; i < count; i++) {
		current = next_value(current, multiplier_high, multiplier_low);
		values[i] = two_pow_minus_46 * current;
	}
	*seed = current;
}
