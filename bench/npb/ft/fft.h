/* Unnormalised 3-D complex FFT of a grid, in place: a forward transform
 * followed by an inverse one multiplies every cell by the number of cells. */
#ifndef FT_FFT_H
#define FT_FFT_H

#include "grid.h"

enum fft_direction {
	FFT_FORWARD, /* kernel exp(-2 pi i jk / n) */
	FFT_INVERSE, /* kernel exp(+2 pi i jk / n) */
};

/* Fills the roots-of-unity table for transforms up to longest_length points. */
void fft_init(int longest_length);

void fft3d(enum fft_direction direction, struct complex_grid *grid);

#endif
