/* The SSOR iteration of LU. */
#include <stdio.h>

#include "cfd.h"
#include "lu.h"
#include "lu_params.h"

/* How often the iteration number is printed, as NPB does. */
#define LU_REPORT_EVERY 20

void ssor(int iterations)
{
	const double relaxation = 1.0 / (LU_OMEGA * (2.0 - LU_OMEGA));

	cfd_compute_residual();
	for (int iteration = 1; iteration <= iterations; iteration++) {
		if (iterations > 1 && (iteration % LU_REPORT_EVERY == 0 || iteration == 1))
			printf(" Time step %4d\n", iteration);
		cfd_scale_interior(rhs, cfd.dt);
		for (int k = 1; k < CFD_N - 1; k++)
			lower_sweep(k);
		for (int k = CFD_N - 2; k >= 1; k--)
			upper_sweep(k);
		cfd_add_update(relaxation);
		cfd_compute_residual();
	}
}
