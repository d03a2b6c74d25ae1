#include "evolve.h"

#include <assert.h>

void evolve(struct complex_grid *spectrum, const struct real_grid *decay,
            struct complex_grid *evolved)
{
	long cells = grid_cell_count(spectrum->shape);

	assert(cells == grid_cell_count(decay->shape));
	assert(cells == grid_cell_count(evolved->shape));
	for (long i = 0; i < cells; i++) {
		spectrum->cells[i] = complex_scale(spectrum->cells[i], decay->cells[i]);
		evolved->cells[i] = spectrum->cells[i];
	}
}
