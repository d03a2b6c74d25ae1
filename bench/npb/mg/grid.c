/* The grid hierarchy: one heap-allocated pair of fields (u, r) per level, halving the
 * interior size from the finest level down to the coarsest. */
#include "mg.h"

#include <stdio.h>
#include <stdlib.h>

struct grid_level grid_levels[MG_LEVELS + 1];
double *rhs_field;

static size_t field_points(struct grid_shape shape)
{
	return (size_t)shape.n1 * (size_t)shape.n2 * (size_t)shape.n3;
}

static double *allocate_field(struct grid_shape shape)
{
	double *field = malloc(field_points(shape) * sizeof(*field));
	if (field == NULL) {
		fprintf(stderr, "mg: cannot allocate a %dx%dx%d grid\n", shape.n1, shape.n2,
		        shape.n3);
		exit(EXIT_FAILURE);
	}
	/* Touching every page now keeps page faults out of the timed section. */
	grid_zero(field, shape);
	return field;
}

void grid_setup(void)
{
	for (int level = MG_LEVELS; level >= MG_COARSEST_LEVEL; level--) {
		int interior = MG_GRID_SIZE >> (MG_LEVELS - level);
		struct grid_level *grid = &grid_levels[level];

		grid->level = level;
		grid->shape.n1 = interior + 2;
		grid->shape.n2 = interior + 2;
		grid->shape.n3 = interior + 2;
		grid->u = allocate_field(grid->shape);
		grid->r = allocate_field(grid->shape);
	}
	rhs_field = allocate_field(grid_levels[MG_LEVELS].shape);
}

void grid_release(void)
{
	for (int level = MG_COARSEST_LEVEL; level <= MG_LEVELS; level++) {
		free(grid_levels[level].u);
		free(grid_levels[level].r);
		grid_levels[level].u = NULL;
		grid_levels[level].r = NULL;
	}
	free(rhs_field);
	rhs_field = NULL;
}

void grid_zero(double *field, struct grid_shape shape)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	double(*points)[n2][n1] = (double(*)[n2][n1])field;

	for (int i3 = 0; i3 < n3; i3++)
		for (int i2 = 0; i2 < n2; i2++)
			for (int i1 = 0; i1 < n1; i1++)
				points[i3][i2][i1] = 0.0;
}
