/* The NPB linear congruential generator: x' = a * x mod 2^46, computed exactly
 * in double precision by splitting operands into 23-bit halves, so that every
 * ISA that implements IEEE-754 doubles produces the same sequence. */
#ifndef NPB_RANDOM_H
#define NPB_RANDOM_H

/* 5^13, the multiplier every NPB kernel uses. */
#define NPB_RANDOM_MULTIPLIER 1220703125.0

/* Advances *seed once and returns the new value scaled into (0, 1). */
double randlc(double *seed, double multiplier);

/* Fills values[0..count-1] with the next count numbers of the sequence. */
void vranlc(int count, double *seed, double multiplier, double *values);

#endif
