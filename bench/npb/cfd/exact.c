/* The manufactured solution of the specification, the initial field built from its boundary
 * values, and the forcing term that makes it the steady state of the discrete equations. */
#include "cfd.h"

#include <string.h>

/* u_m = sum of ce[m][k] times the monomials 1, xi, eta, zeta, xi^2, eta^2, zeta^2, ..., zeta^4. */
static const double ce[CFD_COMPONENTS][13] = {
        {2.0, 0.0, 0.0, 4.0, 5.0, 3.0, 0.5, 0.02, 0.01, 0.03, 0.5, 0.4, 0.3},
        {1.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 0.01, 0.03, 0.02, 0.4, 0.3, 0.5},
        {2.0, 2.0, 0.0, 0.0, 0.0, 2.0, 3.0, 0.04, 0.03, 0.05, 0.3, 0.5, 0.4},
        {2.0, 2.0, 0.0, 0.0, 0.0, 2.0, 3.0, 0.03, 0.05, 0.04, 0.2, 0.1, 0.3},
        {5.0, 4.0, 3.0, 2.0, 0.1, 0.4, 0.3, 0.05, 0.04, 0.03, 0.1, 0.3, 0.2},
};

void cfd_exact_solution(double xi, double eta, double zeta, double out[CFD_COMPONENTS])
{
	for (int m = 0; m < CFD_COMPONENTS; m++) {
		const double *c = ce[m];

		out[m] = c[0] + xi * (c[1] + xi * (c[4] + xi * (c[7] + xi * c[10]))) +
		         eta * (c[2] + eta * (c[5] + eta * (c[8] + eta * c[11]))) +
		         zeta * (c[3] + zeta * (c[6] + zeta * (c[9] + zeta * c[12])));
	}
}

static void exact_at(int i, int j, int k, double out[CFD_COMPONENTS])
{
	cfd_exact_solution(i * cfd.spacing[0], j * cfd.spacing[1], k * cfd.spacing[2], out);
}

static bool on_boundary(int i, int j, int k)
{
	return i == 0 || j == 0 || k == 0 || i == CFD_N - 1 || j == CFD_N - 1 || k == CFD_N - 1;
}

/* Blends, along each axis, the exact values on the two faces that axis crosses, and combines
 * the three blends so that the result matches the exact solution on every face. */
static void interpolate_from_faces(int i, int j, int k, double out[CFD_COMPONENTS])
{
	const double position[CFD_AXES] = {i * cfd.spacing[0], j * cfd.spacing[1],
	                                   k * cfd.spacing[2]};
	double face[CFD_AXES][2][CFD_COMPONENTS];

	for (int side = 0; side < 2; side++) {
		cfd_exact_solution(side, position[1], position[2], face[0][side]);
		cfd_exact_solution(position[0], side, position[2], face[1][side]);
		cfd_exact_solution(position[0], position[1], side, face[2][side]);
	}
	for (int m = 0; m < CFD_COMPONENTS; m++) {
		double p[CFD_AXES];

		for (int axis = 0; axis < CFD_AXES; axis++)
			p[axis] = position[axis] * face[axis][1][m] +
			          (1.0 - position[axis]) * face[axis][0][m];
		out[m] = p[0] + p[1] + p[2] - p[0] * p[1] - p[0] * p[2] - p[1] * p[2] +
		         p[0] * p[1] * p[2];
	}
}

void cfd_initialize(void)
{
	for (int k = 0; k < CFD_N; k++)
		for (int j = 0; j < CFD_N; j++)
			for (int i = 0; i < CFD_N; i++) {
				if (on_boundary(i, j, k))
					exact_at(i, j, k, u[k][j][i]);
				else
					interpolate_from_faces(i, j, k, u[k][j][i]);
			}
}

void cfd_compute_forcing(void)
{
	for (int k = 0; k < CFD_N; k++)
		for (int j = 0; j < CFD_N; j++)
			for (int i = 0; i < CFD_N; i++)
				exact_at(i, j, k, rhs[k][j][i]);
	memset(forcing, 0, sizeof forcing);
	cfd_add_residual_of(rhs, forcing);
	cfd_scale_interior(forcing, -1.0);
}
