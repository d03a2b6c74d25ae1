#include "init.h"

#include "ft_params.h"
#include "npb_random.h"

#include <math.h>

void compute_initial_conditions(struct complex_grid *grid, double seed)
{
	double row_values[2 * FT_NX];
	struct grid_shape shape = grid->shape;

	for (int z = 0; z < shape.nz; z++) {
		for (int y = 0; y < shape.ny; y++) {
			struct complex *row = grid->cells + grid_offset(shape, 0, y, z);
			vranlc(2 * shape.nx, &seed, NPB_RANDOM_MULTIPLIER, row_values);
			for (int x = 0; x < shape.nx; x++)
				row[x] = complex_make(row_values[2 * x], row_values[2 * x + 1]);
		}
	}
}

static int signed_frequency(int index, int length)
{
	return (index + length / 2) % length - length / 2;
}

void compute_decay_factors(struct real_grid *decay, double alpha)
{
	const double pi = 3.141592653589793238;
	const double exponent_per_unit = -4.0 * alpha * pi * pi;
	struct grid_shape shape = decay->shape;

	for (int z = 0; z < shape.nz; z++) {
		int kz = signed_frequency(z, shape.nz);
		for (int y = 0; y < shape.ny; y++) {
			int ky = signed_frequency(y, shape.ny);
			double *row = decay->cells + grid_offset(shape, 0, y, z);
			for (int x = 0; x < shape.nx; x++) {
				int kx = signed_frequency(x, shape.nx);
				int squared_norm = kx * kx + ky * ky + kz * kz;
				row[x] = exp(exponent_per_unit * (double)squared_norm);
			}
		}
	}
}
