#ifndef FT_EVOLVE_H
#define FT_EVOLVE_H

#include "grid.h"

/* Advances the spectrum one time step and leaves a copy in evolved, which the
 * inverse transform then consumes; the spectrum itself carries on to the
 * next step. */
void evolve(struct complex_grid *spectrum, const struct real_grid *decay,
            struct complex_grid *evolved);

#endif
