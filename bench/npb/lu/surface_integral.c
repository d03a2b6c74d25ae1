/* LU's third verification value: the pressure integrated, by the trapezoidal rule, over the
 * faces of a box inside the grid. The box is NPB's: in x from the second to the last-but-one
 * point, in y from the second to the last-but-two, in z from the third to the last-but-one. */
#include "cfd.h"
#include "lu.h"

static double pressure(int i, int j, int k)
{
	const double *w = u[k][j][i];

	return CFD_C2 * (w[4] - 0.5 * (w[1] * w[1] + w[2] * w[2] + w[3] * w[3]) / w[0]);
}

/* The box, as first and last point along each axis. */
static const int box_first[CFD_AXES] = {1, 1, 2};
static const int box_last[CFD_AXES] = {CFD_N - 2, CFD_N - 3, CFD_N - 2};

/* Sum over the cells of the two faces normal to axis of the pressure at each cell's corners,
 * times the cell area. */
static double faces_normal_to(int axis)
{
	const int a = (axis + 1) % CFD_AXES, b = (axis + 2) % CFD_AXES;
	double sum = 0.0;

	for (int face = 0; face < 2; face++) {
		const int at = face ? box_last[axis] : box_first[axis];

		for (int p = box_first[a]; p < box_last[a]; p++)
			for (int q = box_first[b]; q < box_last[b]; q++)
				for (int corner = 0; corner < 4; corner++) {
					int index[CFD_AXES];

					index[axis] = at;
					index[a] = p + (corner & 1);
					index[b] = q + (corner >> 1);
					sum += pressure(index[0], index[1], index[2]);
				}
	}
	return cfd.spacing[a] * cfd.spacing[b] * sum;
}

double surface_integral(void)
{
	double total = 0.0;

	for (int axis = 0; axis < CFD_AXES; axis++)
		total += faces_normal_to(axis);
	return 0.25 * total;
}
