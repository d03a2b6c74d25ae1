/* Periodic boundaries (NPB's comm3): each ghost plane receives a copy of the interior plane
 * at the opposite side of the grid.
 *
 * The axes are wrapped one after another, and each later axis copies whole planes including
 * the ghosts the earlier axes just filled, so edge and corner ghosts end up correct without
 * being handled separately. */
#include "mg.h"

static void wrap_axis1(int n1, int n2, int n3, double field[][n2][n1])
{
	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			field[i3][i2][0] = field[i3][i2][n1 - 2];
			field[i3][i2][n1 - 1] = field[i3][i2][1];
		}
	}
}

static void wrap_axis2(int n1, int n2, int n3, double field[][n2][n1])
{
	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i1 = 0; i1 < n1; i1++) {
			field[i3][0][i1] = field[i3][n2 - 2][i1];
			field[i3][n2 - 1][i1] = field[i3][1][i1];
		}
	}
}

static void wrap_axis3(int n1, int n2, int n3, double field[][n2][n1])
{
	for (int i2 = 0; i2 < n2; i2++) {
		for (int i1 = 0; i1 < n1; i1++) {
			field[0][i2][i1] = field[n3 - 2][i2][i1];
			field[n3 - 1][i2][i1] = field[1][i2][i1];
		}
	}
}

void apply_periodic_boundary(double *field, struct grid_shape shape)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	double(*points)[n2][n1] = (double(*)[n2][n1])field;

	wrap_axis1(n1, n2, n3, points);
	wrap_axis2(n1, n2, n3, points);
	wrap_axis3(n1, n2, n3, points);
}
