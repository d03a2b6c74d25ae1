/* Heap-allocated 3-D grids stored with x varying fastest, then y, then z. */
#ifndef FT_GRID_H
#define FT_GRID_H

#include "complex.h"

#include <stdbool.h>

struct grid_shape {
	int nx;
	int ny;
	int nz;
};

struct complex_grid {
	struct grid_shape shape;
	struct complex *cells;
};

struct real_grid {
	struct grid_shape shape;
	double *cells;
};

static inline long grid_cell_count(struct grid_shape shape)
{
	return (long)shape.nx * shape.ny * shape.nz;
}

static inline long grid_offset(struct grid_shape shape, int x, int y, int z)
{
	return x + (long)shape.nx * (y + (long)shape.ny * z);
}

bool complex_grid_create(struct complex_grid *grid, struct grid_shape shape);
void complex_grid_destroy(struct complex_grid *grid);
bool real_grid_create(struct real_grid *grid, struct grid_shape shape);
void real_grid_destroy(struct real_grid *grid);

#endif
