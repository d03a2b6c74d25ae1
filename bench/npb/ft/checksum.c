#include "checksum.h"

#include "ft_params.h"

struct complex grid_checksum(const struct complex_grid *grid)
{
	struct grid_shape shape = grid->shape;
	struct complex sum = complex_make(0.0, 0.0);

	for (int j = 1; j <= FT_CHECKSUM_SAMPLES; j++) {
		int x = j % shape.nx;
		int y = (3 * j) % shape.ny;
		int z = (5 * j) % shape.nz;
		sum = complex_add(sum, grid->cells[grid_offset(shape, x, y, z)]);
	}
	return complex_scale(sum, 1.0 / (double)grid_cell_count(shape));
}
