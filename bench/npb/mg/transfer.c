/* Moving between neighbouring levels: full-weighting restriction P (NPB's rprj3) and
 * trilinear prolongation Q (NPB's interp).
 *
 * Coarse point j of an axis sits on fine point 2j, so coarse ghost 0 lands on fine ghost 0
 * and coarse interior point n/2 on fine interior point n. Both operators assume every level
 * has at least two interior points per axis, which the cubic hierarchy guarantees. */
#include "mg.h"

/* coarse = P fine on the coarse interior, then the coarse ghosts. P weighs the fine centre
 * 1/2, face neighbours 1/4, edge neighbours 1/8 and corner neighbours 1/16. */
void restrict_residual(const double *fine_field, struct grid_shape fine, double *coarse_field,
                       struct grid_shape coarse)
{
	const int f1 = fine.n1, f2 = fine.n2;
	const int c1 = coarse.n1, c2 = coarse.n2, c3 = coarse.n3;
	const double(*r)[f2][f1] = (const double(*)[f2][f1])fine_field;
	double(*s)[c2][c1] = (double(*)[c2][c1])coarse_field;
	/* Neighbour sums in the (axis 2, axis 3) plane for the odd fine columns, which lie
	 * between coarse points and are each shared by two of them. */
	double cross_sum[f1], diagonal_sum[f1];

	for (int j3 = 1; j3 < c3 - 1; j3++) {
		const int i3 = 2 * j3;
		for (int j2 = 1; j2 < c2 - 1; j2++) {
			const int i2 = 2 * j2;
			for (int j1 = 1; j1 < c1; j1++) {
				const int i1 = 2 * j1 - 1;
				cross_sum[i1] = r[i3][i2 - 1][i1] + r[i3][i2 + 1][i1] +
				                r[i3 - 1][i2][i1] + r[i3 + 1][i2][i1];
				diagonal_sum[i1] = r[i3 - 1][i2 - 1][i1] + r[i3 + 1][i2 - 1][i1] +
				                   r[i3 - 1][i2 + 1][i1] + r[i3 + 1][i2 + 1][i1];
			}
			for (int j1 = 1; j1 < c1 - 1; j1++) {
				const int i1 = 2 * j1;
				const double centre_diagonal =
				        r[i3 - 1][i2 - 1][i1] + r[i3 + 1][i2 - 1][i1] +
				        r[i3 - 1][i2 + 1][i1] + r[i3 + 1][i2 + 1][i1];
				const double centre_cross = r[i3][i2 - 1][i1] + r[i3][i2 + 1][i1] +
				                            r[i3 - 1][i2][i1] + r[i3 + 1][i2][i1];
				s[j3][j2][j1] =
				        0.5 * r[i3][i2][i1] +
				        0.25 * (r[i3][i2][i1 - 1] + r[i3][i2][i1 + 1] +
				                centre_cross) +
				        0.125 * (cross_sum[i1 - 1] + cross_sum[i1 + 1] +
				                 centre_diagonal) +
				        0.0625 * (diagonal_sum[i1 - 1] + diagonal_sum[i1 + 1]);
			}
		}
	}
	apply_periodic_boundary(coarse_field, coarse);
}

/* fine = fine + Q coarse at every fine point, ghosts included. Fine points between coarse
 * points get the mean of the coarse points around them. The coarse ghosts already hold the
 * periodic images, so the fine ghosts come out periodic without a boundary pass. */
void prolongate_correction(const double *coarse_field, struct grid_shape coarse, double *fine_field,
                           struct grid_shape fine)
{
	const int f1 = fine.n1, f2 = fine.n2;
	const int c1 = coarse.n1, c2 = coarse.n2, c3 = coarse.n3;
	const double(*z)[c2][c1] = (const double(*)[c2][c1])coarse_field;
	double(*u)[f2][f1] = (double(*)[f2][f1])fine_field;
	/* Per coarse column: the pair sum along axis 2, along axis 3, and the four-point sum
	 * across both, i.e. what the fine points offset by half a coarse step need. */
	double pair2_sum[c1], pair3_sum[c1], quad23_sum[c1];

	for (int j3 = 0; j3 < c3 - 1; j3++) {
		const int i3 = 2 * j3;
		for (int j2 = 0; j2 < c2 - 1; j2++) {
			const int i2 = 2 * j2;
			for (int j1 = 0; j1 < c1; j1++) {
				pair2_sum[j1] = z[j3][j2 + 1][j1] + z[j3][j2][j1];
				pair3_sum[j1] = z[j3 + 1][j2][j1] + z[j3][j2][j1];
				quad23_sum[j1] =
				        z[j3 + 1][j2 + 1][j1] + z[j3 + 1][j2][j1] + pair2_sum[j1];
			}
			for (int j1 = 0; j1 < c1 - 1; j1++) {
				const int i1 = 2 * j1;
				u[i3][i2][i1] += z[j3][j2][j1];
				u[i3][i2][i1 + 1] += 0.5 * (z[j3][j2][j1 + 1] + z[j3][j2][j1]);
			}
			for (int j1 = 0; j1 < c1 - 1; j1++) {
				const int i1 = 2 * j1;
				u[i3][i2 + 1][i1] += 0.5 * pair2_sum[j1];
				u[i3][i2 + 1][i1 + 1] += 0.25 * (pair2_sum[j1] + pair2_sum[j1 + 1]);
			}
			for (int j1 = 0; j1 < c1 - 1; j1++) {
				const int i1 = 2 * j1;
				u[i3 + 1][i2][i1] += 0.5 * pair3_sum[j1];
				u[i3 + 1][i2][i1 + 1] += 0.25 * (pair3_sum[j1] + pair3_sum[j1 + 1]);
			}
			for (int j1 = 0; j1 < c1 - 1; j1++) {
				const int i1 = 2 * j1;
				u[i3 + 1][i2 + 1][i1] += 0.25 * quad23_sum[j1];
				u[i3 + 1][i2 + 1][i1 + 1] +=
				        0.125 * (quad23_sum[j1] + quad23_sum[j1 + 1]);
			}
		}
	}
}
