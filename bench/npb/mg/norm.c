/* Norms of a residual over the interior (NPB's norm2u3): the root mean square, which is
 * what MG verifies, and the largest magnitude. */
#include "mg.h"

#include <math.h>

void residual_norms(const double *r_field, struct grid_shape shape, double *l2_norm,
                    double *max_norm)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	const double(*r)[n2][n1] = (const double(*)[n2][n1])r_field;
	const double interior_points = (double)(n1 - 2) * (double)(n2 - 2) * (double)(n3 - 2);
	double sum_of_squares = 0.0;
	double largest = 0.0;

	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			for (int i1 = 1; i1 < n1 - 1; i1++) {
				const double value = r[i3][i2][i1];
				sum_of_squares += value * value;
				if (fabs(value) > largest)
					largest = fabs(value);
			}
		}
	}
	*l2_norm = sqrt(sum_of_squares / interior_points);
	*max_norm = largest;
}
