/* The two triangular sweeps of LU's SSOR. At every point the implicit operator couples the
 * point's own update through a diagonal block D and each neighbour's through a block built
 * from the flux and viscous Jacobians at that neighbour. The forward sweep visits the points in
 * increasing (k, j, i) and uses the neighbours already updated below; the backward sweep visits
 * them in decreasing order and uses those above. */
#include "cfd.h"
#include "lu.h"
#include "lu_params.h"

#include <string.h>

/* D at (i, j, k): the identity plus twice the viscous and damping terms of all three axes. */
static void diagonal_block(int i, int j, int k, cfd_block d)
{
	memset(d, 0, sizeof(cfd_block));
	for (int axis = 0; axis < CFD_AXES; axis++) {
		const double scale = 2.0 * cfd.dt * cfd.t1[axis];
		cfd_block viscous;

		cfd_viscous_jacobian(axis, u[k][j][i], viscous);
		for (int row = 0; row < CFD_COMPONENTS; row++) {
			for (int column = 0; column < CFD_COMPONENTS; column++)
				d[row][column] += scale * viscous[row][column];
			d[row][row] += scale * cfd.damping[axis][row];
		}
	}
	for (int m = 0; m < CFD_COMPONENTS; m++)
		d[m][m] += 1.0;
}

/* The block coupling a point to its neighbour along axis, from the neighbour's state: the
 * flux term's sign is that of the neighbour's side (-1 below, +1 above). */
static void neighbour_block(int axis, double side, const double state[CFD_COMPONENTS],
                            cfd_block block)
{
	const double flux_scale = side * cfd.dt * cfd.t2[axis];
	const double viscous_scale = cfd.dt * cfd.t1[axis];
	cfd_block flux, viscous;

	cfd_flux_jacobian(axis, state, flux);
	cfd_viscous_jacobian(axis, state, viscous);
	for (int row = 0; row < CFD_COMPONENTS; row++) {
		for (int column = 0; column < CFD_COMPONENTS; column++)
			block[row][column] = flux_scale * flux[row][column] -
			                     viscous_scale * viscous[row][column];
		block[row][row] -= viscous_scale * cfd.damping[axis][row];
	}
}

/* sum[m] = sum over the axes of the neighbour block times the neighbour's rhs, on one side. */
static void neighbour_terms(int i, int j, int k, int side, double sum[CFD_COMPONENTS])
{
	const int neighbour[CFD_AXES][3] = {{i + side, j, k}, {i, j + side, k}, {i, j, k + side}};
	double negated[CFD_COMPONENTS] = {0};

	for (int axis = 0; axis < CFD_AXES; axis++) {
		const int *n = neighbour[axis];
		cfd_block block;

		neighbour_block(axis, side, u[n[2]][n[1]][n[0]], block);
		cfd_block_vector_subtract(block, rhs[n[2]][n[1]][n[0]], negated);
	}
	for (int m = 0; m < CFD_COMPONENTS; m++)
		sum[m] = -negated[m];
}

void lower_sweep(int k)
{
	for (int j = 1; j < CFD_N - 1; j++)
		for (int i = 1; i < CFD_N - 1; i++) {
			double *v = rhs[k][j][i];
			double below[CFD_COMPONENTS];
			cfd_block d;

			neighbour_terms(i, j, k, -1, below);
			for (int m = 0; m < CFD_COMPONENTS; m++)
				v[m] -= LU_OMEGA * below[m];
			diagonal_block(i, j, k, d);
			cfd_block_solve(d, NULL, v);
		}
}

void upper_sweep(int k)
{
	for (int j = CFD_N - 2; j >= 1; j--)
		for (int i = CFD_N - 2; i >= 1; i--) {
			double *v = rhs[k][j][i];
			double above[CFD_COMPONENTS];
			cfd_block d;

			neighbour_terms(i, j, k, +1, above);
			for (int m = 0; m < CFD_COMPONENTS; m++)
				above[m] *= LU_OMEGA;
			diagonal_block(i, j, k, d);
			cfd_block_solve(d, NULL, above);
			for (int m = 0; m < CFD_COMPONENTS; m++)
				v[m] -= above[m];
		}
}
