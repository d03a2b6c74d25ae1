#ifndef FT_CHECKSUM_H
#define FT_CHECKSUM_H

#include "grid.h"

/* Sum of cells (j mod nx, 3j mod ny, 5j mod nz) for j = 1..FT_CHECKSUM_SAMPLES,
 * divided by the number of cells to undo the unnormalised round trip. */
struct complex grid_checksum(const struct complex_grid *grid);

#endif
