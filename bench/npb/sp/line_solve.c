/* The scalar penta-diagonal systems of SP, one per grid line and characteristic variable.
 * The first three characteristic variables travel with the flow velocity v and share one
 * matrix; the acoustic ones travel with v + c and v - c and have their own. All three carry
 * the implicit form of the fourth-order dissipation, hence five diagonals. */
#include "sp.h"

#include <math.h>
#include <string.h>

/* The five diagonals of row p, at offsets -2..2 from p. */
typedef double penta_row[5];

struct line_system {
	penta_row convective[CFD_N]; /* for components 0..2 */
	penta_row plus[CFD_N];       /* component 3, speed v + c */
	penta_row minus[CFD_N];      /* component 4, speed v - c */
	double x[CFD_N][CFD_COMPONENTS];
};

static long point_offset(int axis, int p, int first, int second)
{
	switch (axis) {
	case 0:
		return ((long)second * CFD_N + first) * CFD_N + p;
	case 1:
		return ((long)second * CFD_N + p) * CFD_N + first;
	default:
		return ((long)p * CFD_N + second) * CFD_N + first;
	}
}

static double point_value(const cfd_scalar_field field, long offset)
{
	return (&field[0][0][0])[offset];
}

/* The largest eigenvalue of the viscous operator along axis, per point, which bounds the
 * implicit viscous term of the diagonalised system. */
static double viscous_bound(int axis, double inverse_density)
{
	const double *damping = cfd.damping[axis];
	const double ru1 = CFD_C3C4 * inverse_density;
	double other_momenta = 0.0;

	for (int m = 1; m <= CFD_AXES; m++)
		if (m != axis + 1)
			other_momenta = fmax(other_momenta, damping[m]);
	return fmax(fmax(damping[axis + 1] + CFD_CON43 * ru1, damping[4] + CFD_C1C5 * ru1),
	            fmax(other_momenta + ru1, damping[0]));
}

static void build_line(int axis, int first, int second, struct line_system *line)
{
	const cfd_scalar_field *velocity[CFD_AXES] = {&us, &vs, &ws};
	double v[CFD_N], c[CFD_N], bound[CFD_N];
	const double dtt1 = cfd.dt * cfd.t1[axis];
	const double dtt2 = cfd.dt * cfd.t2[axis];
	const double dissipation = cfd.dt * cfd.dssp;

	for (int p = 0; p < CFD_N; p++) {
		const long offset = point_offset(axis, p, first, second);

		v[p] = point_value(*velocity[axis], offset);
		c[p] = point_value(speed, offset);
		bound[p] = viscous_bound(axis, point_value(rho_inv, offset));
		memcpy(line->x[p], &rhs[0][0][0][0] + offset * CFD_COMPONENTS, sizeof line->x[p]);
	}
	for (int p = 0; p < CFD_N; p += CFD_N - 1) {
		static const penta_row identity = {0.0, 0.0, 1.0, 0.0, 0.0};

		memcpy(line->convective[p], identity, sizeof identity);
		memcpy(line->plus[p], identity, sizeof identity);
		memcpy(line->minus[p], identity, sizeof identity);
	}
	for (int p = 1; p < CFD_N - 1; p++) {
		double *row = line->convective[p];
		double weights[5];

		row[0] = 0.0;
		row[1] = -dtt2 * v[p - 1] - dtt1 * bound[p - 1];
		row[2] = 1.0 + 2.0 * dtt1 * bound[p];
		row[3] = dtt2 * v[p + 1] - dtt1 * bound[p + 1];
		row[4] = 0.0;
		cfd_dissipation_weights(p, CFD_N, weights);
		for (int d = 0; d < 5; d++)
			row[d] += dissipation * weights[d];

		memcpy(line->plus[p], row, sizeof(penta_row));
		line->plus[p][1] -= dtt2 * c[p - 1];
		line->plus[p][3] += dtt2 * c[p + 1];
		memcpy(line->minus[p], row, sizeof(penta_row));
		line->minus[p][1] += dtt2 * c[p - 1];
		line->minus[p][3] -= dtt2 * c[p + 1];
	}
}

/* Gaussian elimination without pivoting on the penta-diagonal matrix rows, applied to the
 * components first..last of x, then back substitution. */
static void solve_penta(penta_row *rows, double (*x)[CFD_COMPONENTS], int first, int last)
{
	for (int p = 0; p < CFD_N - 1; p++) {
		const double scale = 1.0 / rows[p][2];

		rows[p][3] *= scale;
		rows[p][4] *= scale;
		for (int m = first; m <= last; m++)
			x[p][m] *= scale;
		/* Row p + 1 loses its sub-diagonal, row p + 2 its second sub-diagonal. */
		rows[p + 1][2] -= rows[p + 1][1] * rows[p][3];
		rows[p + 1][3] -= rows[p + 1][1] * rows[p][4];
		for (int m = first; m <= last; m++)
			x[p + 1][m] -= rows[p + 1][1] * x[p][m];
		if (p + 2 < CFD_N) {
			rows[p + 2][1] -= rows[p + 2][0] * rows[p][3];
			rows[p + 2][2] -= rows[p + 2][0] * rows[p][4];
			for (int m = first; m <= last; m++)
				x[p + 2][m] -= rows[p + 2][0] * x[p][m];
		}
	}
	for (int m = first; m <= last; m++)
		x[CFD_N - 1][m] *= 1.0 / rows[CFD_N - 1][2];

	for (int m = first; m <= last; m++)
		x[CFD_N - 2][m] -= rows[CFD_N - 2][3] * x[CFD_N - 1][m];
	for (int p = CFD_N - 3; p >= 0; p--)
		for (int m = first; m <= last; m++)
			x[p][m] -= rows[p][3] * x[p + 1][m] + rows[p][4] * x[p + 2][m];
}

static void solve_lines(int axis)
{
	struct line_system line;

	for (int second = 1; second < CFD_N - 1; second++)
		for (int first = 1; first < CFD_N - 1; first++) {
			build_line(axis, first, second, &line);
			solve_penta(line.convective, line.x, 0, 2);
			solve_penta(line.plus, line.x, 3, 3);
			solve_penta(line.minus, line.x, 4, 4);
			for (int p = 0; p < CFD_N; p++)
				memcpy(&rhs[0][0][0][0] + point_offset(axis, p, first, second) *
				                                  CFD_COMPONENTS,
				       line.x[p], sizeof line.x[p]);
		}
}

void x_solve(void)
{
	solve_lines(0);
	ninvr();
}

void y_solve(void)
{
	solve_lines(1);
	pinvr();
}

void z_solve(void)
{
	solve_lines(2);
	tzetar();
}
