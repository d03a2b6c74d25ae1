/* 5x5 block arithmetic for the implicit solvers. */
#include "cfd.h"

void cfd_block_vector_subtract(const cfd_block a, const double x[CFD_COMPONENTS],
                               double y[CFD_COMPONENTS])
{
	for (int row = 0; row < CFD_COMPONENTS; row++) {
		double sum = 0.0;

		for (int column = 0; column < CFD_COMPONENTS; column++)
			sum += a[row][column] * x[column];
		y[row] -= sum;
	}
}

void cfd_block_product_subtract(const cfd_block a, const cfd_block b, cfd_block c)
{
	for (int row = 0; row < CFD_COMPONENTS; row++)
		for (int column = 0; column < CFD_COMPONENTS; column++) {
			double sum = 0.0;

			for (int n = 0; n < CFD_COMPONENTS; n++)
				sum += a[row][n] * b[n][column];
			c[row][column] -= sum;
		}
}

void cfd_block_solve(cfd_block a, cfd_block c, double r[CFD_COMPONENTS])
{
	for (int pivot = 0; pivot < CFD_COMPONENTS; pivot++) {
		const double scale = 1.0 / a[pivot][pivot];

		for (int column = pivot + 1; column < CFD_COMPONENTS; column++)
			a[pivot][column] *= scale;
		if (c)
			for (int column = 0; column < CFD_COMPONENTS; column++)
				c[pivot][column] *= scale;
		r[pivot] *= scale;
		for (int row = 0; row < CFD_COMPONENTS; row++) {
			if (row == pivot)
				continue;
			const double factor = a[row][pivot];

			for (int column = pivot + 1; column < CFD_COMPONENTS; column++)
				a[row][column] -= factor * a[pivot][column];
			if (c)
				for (int column = 0; column < CFD_COMPONENTS; column++)
					c[row][column] -= factor * c[pivot][column];
			r[row] -= factor * r[pivot];
		}
	}
}
