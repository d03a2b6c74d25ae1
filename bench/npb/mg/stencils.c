/* The two 27-point stencils of MG: the residual operator A and the smoother S.
 *
 * Both weigh a point's neighbours by distance only: centre, the 6 face neighbours, the 12
 * edge neighbours, the 8 corner neighbours. Per line along axis 1 we first sum, for every
 * column, its 4 face-adjacent and its 4 diagonal neighbours in the (axis 2, axis 3) plane;
 * three consecutive columns of those sums then give all 26 neighbours of the middle point,
 * which saves most of the additions. */
#include "mg.h"

/* Indexed centre, face, edge, corner. Set at start-up like NPB does, because S depends on
 * the problem class. */
double residual_coefficients[4];
double smoother_coefficients[4];

void select_stencil_coefficients(void)
{
	residual_coefficients[0] = -8.0 / 3.0;
	residual_coefficients[1] = 0.0;
	residual_coefficients[2] = 1.0 / 6.0;
	residual_coefficients[3] = 1.0 / 12.0;

	smoother_coefficients[0] = MG_SMOOTHER_CENTRE;
	smoother_coefficients[1] = MG_SMOOTHER_FACE;
	smoother_coefficients[2] = MG_SMOOTHER_EDGE;
	smoother_coefficients[3] = 0.0;
}

/* r = v - A u on the interior, then the ghosts of r. v may be the same field as r: each
 * point of r reads only its own point of v. */
void compute_residual(const double *u_field, const double *v_field, double *r_field,
                      struct grid_shape shape)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	const double(*u)[n2][n1] = (const double(*)[n2][n1])u_field;
	const double(*v)[n2][n1] = (const double(*)[n2][n1])v_field;
	double(*r)[n2][n1] = (double(*)[n2][n1])r_field;
	/* A's face weight is zero in every class, so its term is left out. */
	const double centre = residual_coefficients[0];
	const double edge = residual_coefficients[2];
	const double corner = residual_coefficients[3];
	double cross_sum[n1], diagonal_sum[n1];

	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			for (int i1 = 0; i1 < n1; i1++) {
				cross_sum[i1] = u[i3][i2 - 1][i1] + u[i3][i2 + 1][i1] +
				                u[i3 - 1][i2][i1] + u[i3 + 1][i2][i1];
				diagonal_sum[i1] = u[i3 - 1][i2 - 1][i1] + u[i3 - 1][i2 + 1][i1] +
				                   u[i3 + 1][i2 - 1][i1] + u[i3 + 1][i2 + 1][i1];
			}
			for (int i1 = 1; i1 < n1 - 1; i1++) {
				r[i3][i2][i1] =
				        v[i3][i2][i1] - centre * u[i3][i2][i1] -
				        edge * (diagonal_sum[i1] + cross_sum[i1 - 1] +
				                cross_sum[i1 + 1]) -
				        corner * (diagonal_sum[i1 - 1] + diagonal_sum[i1 + 1]);
			}
		}
	}
	apply_periodic_boundary(r_field, shape);
}

/* u = u + S r on the interior, then the ghosts of u. */
void apply_smoother(const double *r_field, double *u_field, struct grid_shape shape)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	const double(*r)[n2][n1] = (const double(*)[n2][n1])r_field;
	double(*u)[n2][n1] = (double(*)[n2][n1])u_field;
	/* S's corner weight is zero in every class, so its term is left out. */
	const double centre = smoother_coefficients[0];
	const double face = smoother_coefficients[1];
	const double edge = smoother_coefficients[2];
	double cross_sum[n1], diagonal_sum[n1];

	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			for (int i1 = 0; i1 < n1; i1++) {
				cross_sum[i1] = r[i3][i2 - 1][i1] + r[i3][i2 + 1][i1] +
				                r[i3 - 1][i2][i1] + r[i3 + 1][i2][i1];
				diagonal_sum[i1] = r[i3 - 1][i2 - 1][i1] + r[i3 - 1][i2 + 1][i1] +
				                   r[i3 + 1][i2 - 1][i1] + r[i3 + 1][i2 + 1][i1];
			}
			for (int i1 = 1; i1 < n1 - 1; i1++) {
				u[i3][i2][i1] = u[i3][i2][i1] + centre * r[i3][i2][i1] +
				                face * (r[i3][i2][i1 - 1] + r[i3][i2][i1 + 1] +
				                        cross_sum[i1]) +
				                edge * (diagonal_sum[i1] + cross_sum[i1 - 1] +
				                        cross_sum[i1 + 1]);
			}
		}
	}
	apply_periodic_boundary(u_field, shape);
}
