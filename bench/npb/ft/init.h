/* The state the timed section starts from: the random initial field and the
 * per-mode decay factors of one time step. */
#ifndef FT_INIT_H
#define FT_INIT_H

#include "grid.h"

/* Fills the grid, x fastest, with consecutive numbers of the NPB generator
 * started from seed: real part, then imaginary part, of each cell. */
void compute_initial_conditions(struct complex_grid *grid, double seed);

/* decay(x,y,z) = exp(-4 alpha pi^2 (x'^2 + y'^2 + z'^2)), the factor by which
 * one time step of the diffusion equation shrinks Fourier mode (x,y,z); x' is
 * x folded into [-nx/2, nx/2) so that negative frequencies decay alike. */
void compute_decay_factors(struct real_grid *decay, double alpha);

#endif
