/* The discrete residual operator shared by BT, SP and LU: along each axis, central differences
 * of the inviscid and viscous fluxes, second-difference damping, and fourth-order dissipation. */
#include "cfd.h"

#include <string.h>

/* Distance between neighbours along each axis, in points of a scalar field. */
static const long point_stride[CFD_AXES] = {1, CFD_N, (long)CFD_N *CFD_N};

static long point_index(int i, int j, int k)
{
	return ((long)k * CFD_N + j) * CFD_N + i;
}

static void compute_derived(const cfd_field field)
{
	for (int k = 0; k < CFD_N; k++)
		for (int j = 0; j < CFD_N; j++)
			for (int i = 0; i < CFD_N; i++) {
				const double *w = field[k][j][i];
				const double inverse = 1.0 / w[0];

				rho_inv[k][j][i] = inverse;
				us[k][j][i] = w[1] * inverse;
				vs[k][j][i] = w[2] * inverse;
				ws[k][j][i] = w[3] * inverse;
				square[k][j][i] =
				        0.5 * (w[1] * w[1] + w[2] * w[2] + w[3] * w[3]) * inverse;
				qs[k][j][i] = square[k][j][i] * inverse;
			}
}

static double second_difference(const double *values, long p, long s)
{
	return values[p + s] - 2.0 * values[p] + values[p - s];
}

/* The fluxes through the faces normal to axis, and the damping along it, at point p. */
static void add_fluxes(int axis, const double *field, long p, double *out)
{
	const long s = point_stride[axis];
	const double *here = field + p * CFD_COMPONENTS;
	const double *next = here + s * CFD_COMPONENTS;
	const double *prev = here - s * CFD_COMPONENTS;
	const double *velocity[CFD_AXES] = {&us[0][0][0], &vs[0][0][0], &ws[0][0][0]};
	const double *normal = velocity[axis];
	const double *kinetic = &square[0][0][0];
	const double t1 = cfd.t1[axis], t2 = cfd.t2[axis];
	const double viscous = CFD_C3C4 * cfd.t3[axis] * cfd.t3[axis];
	const double *damping = cfd.damping[axis];
	const int along = axis + 1; /* the momentum component along axis */
	const double v_next = normal[p + s], v_prev = normal[p - s];

	out[0] += damping[0] * t1 * (next[0] - 2.0 * here[0] + prev[0]) -
	          t2 * (next[along] - prev[along]);
	for (int m = 1; m <= CFD_AXES; m++) {
		double convection = next[m] * v_next - prev[m] * v_prev;
		double stress = viscous;

		if (m == along) {
			convection +=
			        (next[4] - kinetic[p + s] - prev[4] + kinetic[p - s]) * CFD_C2;
			stress *= CFD_CON43;
		}
		out[m] += damping[m] * t1 * (next[m] - 2.0 * here[m] + prev[m]) +
		          stress * second_difference(velocity[m - 1], p, s) - t2 * convection;
	}
	const double *energy_per_mass = &qs[0][0][0];
	const double *inverse = &rho_inv[0][0][0];
	const double v_here = normal[p];
	out[4] += damping[4] * t1 * (next[4] - 2.0 * here[4] + prev[4]) +
	          viscous * (1.0 - CFD_C1C5) * second_difference(energy_per_mass, p, s) +
	          viscous / 6.0 * (v_next * v_next - 2.0 * v_here * v_here + v_prev * v_prev) +
	          viscous * CFD_C1C5 *
	                  (next[4] * inverse[p + s] - 2.0 * here[4] * inverse[p] +
	                   prev[4] * inverse[p - s]) -
	          t2 * ((CFD_C1 * next[4] - CFD_C2 * kinetic[p + s]) * v_next -
	                (CFD_C1 * prev[4] - CFD_C2 * kinetic[p - s]) * v_prev);
}

void cfd_dissipation_weights(int q, int n, double weights[5])
{
	static const double inner[5] = {1.0, -4.0, 6.0, -4.0, 1.0};

	memcpy(weights, inner, sizeof inner);
	if (q == 1) {
		weights[0] = weights[1] = 0.0;
		weights[2] = 5.0;
	} else if (q == 2) {
		weights[0] = 0.0;
	} else if (q == n - 2) {
		weights[3] = weights[4] = 0.0;
		weights[2] = 5.0;
	} else if (q == n - 3) {
		weights[4] = 0.0;
	}
}

static void add_dissipation(int axis, const double *field, long p, int position, double *out)
{
	const long s = point_stride[axis];
	double weights[5];

	cfd_dissipation_weights(position, CFD_N, weights);
	for (int m = 0; m < CFD_COMPONENTS; m++) {
		double sum = 0.0;

		for (int offset = -2; offset <= 2; offset++)
			if (weights[offset + 2] != 0.0)
				sum += weights[offset + 2] *
				       field[(p + offset * s) * CFD_COMPONENTS + m];
		out[m] -= cfd.dssp * sum;
	}
}

void cfd_add_residual_of(const cfd_field field, cfd_field out)
{
	const double *values = &field[0][0][0][0];

	compute_derived(field);
	for (int axis = 0; axis < CFD_AXES; axis++)
		for (int k = 1; k < CFD_N - 1; k++)
			for (int j = 1; j < CFD_N - 1; j++)
				for (int i = 1; i < CFD_N - 1; i++) {
					const int position[CFD_AXES] = {i, j, k};
					const long p = point_index(i, j, k);

					add_fluxes(axis, values, p, out[k][j][i]);
					add_dissipation(axis, values, p, position[axis],
					                out[k][j][i]);
				}
}

void cfd_compute_residual(void)
{
	memcpy(rhs, forcing, sizeof rhs);
	cfd_add_residual_of(u, rhs);
}
