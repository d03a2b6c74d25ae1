/* The fields every solver works on, and the coefficients of the discretisation. */
#include "cfd.h"

#include <math.h>

cfd_field u;
cfd_field rhs;
cfd_field forcing;
cfd_scalar_field rho_inv, us, vs, ws, square, qs;
struct cfd_coefficients cfd;

/* The specification's second-difference damping per component: 3/4 across x and y, 1 across z. */
static const double damping_by_axis[CFD_AXES] = {0.75, 0.75, 1.0};

/* The fourth-order dissipation is a quarter of the largest density damping. */
#define DSSP_FRACTION 0.25

void cfd_set_constants(double dt)
{
	double largest_density_damping = 0.0;

	cfd.dt = dt;
	for (int axis = 0; axis < CFD_AXES; axis++) {
		const double h = 1.0 / (double)(CFD_N - 1);

		cfd.spacing[axis] = h;
		cfd.t1[axis] = 1.0 / (h * h);
		cfd.t2[axis] = 1.0 / (2.0 * h);
		cfd.t3[axis] = 1.0 / h;
		for (int m = 0; m < CFD_COMPONENTS; m++)
			cfd.damping[axis][m] = damping_by_axis[axis];
		largest_density_damping = fmax(largest_density_damping, cfd.damping[axis][0]);
	}
	cfd.dssp = DSSP_FRACTION * largest_density_damping;
}

void cfd_scale_interior(cfd_field field, double factor)
{
	for (int k = 1; k < CFD_N - 1; k++)
		for (int j = 1; j < CFD_N - 1; j++)
			for (int i = 1; i < CFD_N - 1; i++)
				for (int m = 0; m < CFD_COMPONENTS; m++)
					field[k][j][i][m] *= factor;
}

void cfd_add_update(double factor)
{
	for (int k = 1; k < CFD_N - 1; k++)
		for (int j = 1; j < CFD_N - 1; j++)
			for (int i = 1; i < CFD_N - 1; i++)
				for (int m = 0; m < CFD_COMPONENTS; m++)
					u[k][j][i][m] += factor * rhs[k][j][i][m];
}
