/* The changes of variables around SP's scalar solves. Each directional operator A = T L T^-1
 * has the eigenvalues L = (v, v, v, v + c, v - c) for the velocity v along the axis and the
 * speed of sound c. The x solve needs rhs in x's characteristic variables (txinvr), and the
 * transforms between solves combine one axis's T with the next axis's T^-1 (ninvr: x to y,
 * pinvr: y to z); tzetar takes z's characteristic variables back to conserved ones. */
#include "sp.h"

#include <math.h>

cfd_scalar_field speed;

/* 1/sqrt(2), the normalisation of the acoustic eigenvectors. */
#define ACOUSTIC_SCALE 0.70710678118654752440
#define C2_INVERSE     (1.0 / CFD_C2)

void compute_speed(void)
{
	for (int k = 0; k < CFD_N; k++)
		for (int j = 0; j < CFD_N; j++)
			for (int i = 0; i < CFD_N; i++)
				speed[k][j][i] = sqrt(CFD_C1 * CFD_C2 * rho_inv[k][j][i] *
				                      (u[k][j][i][4] - square[k][j][i]));
}

#define FOR_INTERIOR(k, j, i)                                                                      \
	for (int k = 1; k < CFD_N - 1; k++)                                                        \
		for (int j = 1; j < CFD_N - 1; j++)                                                \
			for (int i = 1; i < CFD_N - 1; i++)

void txinvr(void)
{
	FOR_INTERIOR(k, j, i)
	{
		double *r = rhs[k][j][i];
		const double ru1 = rho_inv[k][j][i];
		const double uu = us[k][j][i], vv = vs[k][j][i], ww = ws[k][j][i];
		const double ac = speed[k][j][i];
		const double ac2inv = 1.0 / (ac * ac);
		const double r1 = r[0], r2 = r[1], r3 = r[2], r4 = r[3], r5 = r[4];
		const double t1 =
		        CFD_C2 * ac2inv * (qs[k][j][i] * r1 - uu * r2 - vv * r3 - ww * r4 + r5);
		const double t2 = ACOUSTIC_SCALE * ru1 * (uu * r1 - r2);
		const double t3 = (ACOUSTIC_SCALE * ru1 * ac) * t1;

		r[0] = r1 - t1;
		r[1] = -ru1 * (ww * r1 - r4);
		r[2] = ru1 * (vv * r1 - r3);
		r[3] = -t2 + t3;
		r[4] = t2 + t3;
	}
}

void ninvr(void)
{
	FOR_INTERIOR(k, j, i)
	{
		double *r = rhs[k][j][i];
		const double r1 = r[0], r2 = r[1], r3 = r[2], r4 = r[3], r5 = r[4];
		const double t1 = ACOUSTIC_SCALE * r3;
		const double t2 = 0.5 * (r4 + r5);

		r[0] = -r2;
		r[1] = r1;
		r[2] = ACOUSTIC_SCALE * (r4 - r5);
		r[3] = -t1 + t2;
		r[4] = t1 + t2;
	}
}

void pinvr(void)
{
	FOR_INTERIOR(k, j, i)
	{
		double *r = rhs[k][j][i];
		const double r1 = r[0], r2 = r[1], r3 = r[2], r4 = r[3], r5 = r[4];
		const double t1 = ACOUSTIC_SCALE * r1;
		const double t2 = 0.5 * (r4 + r5);

		r[0] = ACOUSTIC_SCALE * (r4 - r5);
		r[1] = -r3;
		r[2] = r2;
		r[3] = -t1 + t2;
		r[4] = t1 + t2;
	}
}

void tzetar(void)
{
	FOR_INTERIOR(k, j, i)
	{
		double *r = rhs[k][j][i];
		const double xvel = us[k][j][i], yvel = vs[k][j][i], zvel = ws[k][j][i];
		const double ac = speed[k][j][i];
		const double density = u[k][j][i][0];
		const double btuz = ACOUSTIC_SCALE * density;
		const double r1 = r[0], r2 = r[1], r3 = r[2], r4 = r[3], r5 = r[4];
		const double t1 = btuz / ac * (r4 + r5);
		const double t2 = r3 + t1;
		const double t3 = btuz * (r4 - r5);

		r[0] = t2;
		r[1] = -density * r2 + xvel * t2;
		r[2] = density * r1 + yvel * t2;
		r[3] = zvel * t2 + t3;
		r[4] = density * (-xvel * r2 + yvel * r1) + qs[k][j][i] * t2 +
		       C2_INVERSE * ac * ac * t1 + zvel * t3;
	}
}
