/* EP's own output, printed before the common NPB results block. */
#include <stdio.h>

#include "ep.h"

void ep_print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - EP Benchmark\n\n");
	printf(" Number of random numbers generated: %15.0f\n", EP_TOTAL_UNIFORMS);
	printf(" Batches of 2^%d pairs:               %15ld\n", EP_LOG2_BATCH_PAIRS,
	       EP_BATCH_COUNT);
}

void ep_print_tally(const struct ep_tally *tally, double seconds,
                    const struct ep_verification *verification)
{
	printf("\n EP Benchmark Results:\n\n");
	printf(" CPU Time = %10.4f\n", seconds);
	printf(" N = 2^%5d\n", EP_LOG2_PAIRS);
	printf(" No. Gaussian Pairs = %15ld\n", tally->gaussian_pairs);
	printf(" Sums = %25.15e %25.15e\n", tally->sums.sx, tally->sums.sy);
	printf(" Relative errors = %10.3e %10.3e (tolerance %.1e)\n",
	       verification->sx_relative_error, verification->sy_relative_error, EP_TOLERANCE);
	printf(" Counts:\n");
	for (int annulus = 0; annulus < EP_ANNULUS_COUNT; annulus++)
		printf("%3d%15ld\n", annulus, tally->annulus_counts[annulus]);
}
