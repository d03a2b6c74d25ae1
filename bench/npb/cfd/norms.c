/* The RMS norms by which a run is verified: of the solution error and of the residual, over the
 * interior points, per component. */
#include "cfd.h"

#include <math.h>

static double interior_points(void)
{
	const double side = CFD_N - 2;

	return side * side * side;
}

void cfd_error_norms(double norms[CFD_COMPONENTS])
{
	double sums[CFD_COMPONENTS] = {0};

	for (int k = 1; k < CFD_N - 1; k++)
		for (int j = 1; j < CFD_N - 1; j++)
			for (int i = 1; i < CFD_N - 1; i++) {
				double exact[CFD_COMPONENTS];

				cfd_exact_solution(i * cfd.spacing[0], j * cfd.spacing[1],
				                   k * cfd.spacing[2], exact);
				for (int m = 0; m < CFD_COMPONENTS; m++) {
					const double error = u[k][j][i][m] - exact[m];

					sums[m] += error * error;
				}
			}
	for (int m = 0; m < CFD_COMPONENTS; m++)
		norms[m] = sqrt(sums[m] / interior_points());
}

void cfd_residual_norms(double norms[CFD_COMPONENTS])
{
	double sums[CFD_COMPONENTS] = {0};

	for (int k = 1; k < CFD_N - 1; k++)
		for (int j = 1; j < CFD_N - 1; j++)
			for (int i = 1; i < CFD_N - 1; i++)
				for (int m = 0; m < CFD_COMPONENTS; m++)
					sums[m] += rhs[k][j][i][m] * rhs[k][j][i][m];
	for (int m = 0; m < CFD_COMPONENTS; m++)
		norms[m] = sqrt(sums[m] / interior_points());
}
