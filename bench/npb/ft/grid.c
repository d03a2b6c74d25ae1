#include "grid.h"

#include <stdlib.h>

bool complex_grid_create(struct complex_grid *grid, struct grid_shape shape)
{
	grid->shape = shape;
	grid->cells = malloc((size_t)grid_cell_count(shape) * sizeof(*grid->cells));
	return grid->cells != NULL;
}

void complex_grid_destroy(struct complex_grid *grid)
{
	free(grid->cells);
	grid->cells = NULL;
}

bool real_grid_create(struct real_grid *grid, struct grid_shape shape)
{
	grid->shape = shape;
	grid->cells = malloc((size_t)grid_cell_count(shape) * sizeof(*grid->cells));
	return grid->cells != NULL;
}

void real_grid_destroy(struct real_grid *grid)
{
	free(grid->cells);
	grid->cells = NULL;
}
