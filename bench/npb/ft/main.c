/* NPB FT: solves a 3-D diffusion equation spectrally. A random complex field
 * is transformed forward once; each time step multiplies the spectrum by the
 * per-mode decay factors, transforms a copy back with an inverse 3-D FFT and
 * prints a checksum of 1024 sampled cells, which is verified against the
 * official NPB values.
 *
 * For a migration tool it is a mix of state shapes: large heap-allocated 3-D
 * grids of two-double structs, a global roots-of-unity table, deep call chains
 * (main -> solve -> fft3d -> per-axis drivers -> block transform -> Stockham
 * passes -> butterflies -> complex helpers) with big scratch arrays on the
 * stack of the per-axis drivers, and small structs passed and returned by
 * value as well as by pointer. */
#include "checksum.h"
#include "evolve.h"
#include "fft.h"
#include "ft_params.h"
#include "grid.h"
#include "init.h"
#include "npb_results.h"
#include "npb_timer.h"
#include "verify.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

enum { TIMER_TOTAL = 0 };

struct ft_state {
	struct grid_shape shape;
	/* The field in Fourier space; it advances one time step per iteration. */
	struct complex_grid spectrum;
	/* Each step's copy of the spectrum, transformed back to physical space. */
	struct complex_grid field;
	struct real_grid decay;
	struct complex checksums[FT_ITERATIONS];
};

static void print_header(struct grid_shape shape, int iterations)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - FT Benchmark\n\n");
	printf(" Size                : %4dx%4dx%4d\n", shape.nx, shape.ny, shape.nz);
	printf(" Iterations          :     %7d\n\n", iterations);
}

static void release_state(struct ft_state *state)
{
	complex_grid_destroy(&state->spectrum);
	complex_grid_destroy(&state->field);
	real_grid_destroy(&state->decay);
}

static bool allocate_state(struct ft_state *state, struct grid_shape shape)
{
	state->shape = shape;
	bool allocated = complex_grid_create(&state->spectrum, shape);
	allocated = complex_grid_create(&state->field, shape) && allocated;
	allocated = real_grid_create(&state->decay, shape) && allocated;
	if (!allocated)
		release_state(state);
	return allocated;
}

/* Everything up to and including the forward transform of the initial field. */
static void transform_initial_field(struct ft_state *state)
{
	compute_decay_factors(&state->decay, FT_ALPHA);
	compute_initial_conditions(&state->spectrum, FT_SEED);
	fft_init(FT_MAX_DIM);
	fft3d(FFT_FORWARD, &state->spectrum);
}

static struct complex time_step(struct ft_state *state, int step)
{
	evolve(&state->spectrum, &state->decay, &state->field);
	fft3d(FFT_INVERSE, &state->field);
	struct complex checksum = grid_checksum(&state->field);
	printf(" T = %5d     Checksum = %22.12e %22.12e\n", step, checksum.real, checksum.imag);
	return checksum;
}

static void solve(struct ft_state *state)
{
	transform_initial_field(state);
	for (int step = 1; step <= FT_ITERATIONS; step++)
		state->checksums[step - 1] = time_step(state, step);
}

/* NPB's operation count for FT, as a function of the grid size. */
static double mops_rate(struct grid_shape shape, int iterations, double seconds)
{
	double cells = (double)grid_cell_count(shape);
	double per_cell = 14.8157 + 7.19641 * log(cells) +
	                  (5.23518 + 7.21113 * log(cells)) * (double)iterations;
	return seconds > 0.0 ? 1.0e-6 * cells * per_cell / seconds : 0.0;
}

int main(void)
{
	const struct grid_shape shape = {FT_NX, FT_NY, FT_NZ};
	static struct ft_state state;

	print_header(shape, FT_ITERATIONS);
	if (!allocate_state(&state, shape)) {
		fprintf(stderr, "ft: cannot allocate the %dx%dx%d grids\n", shape.nx, shape.ny,
		        shape.nz);
		return EXIT_FAILURE;
	}

	/* An untimed pass first, as NPB does, so that page faults on the fresh
	 * grids and cold caches are not charged to the timed run. */
	transform_initial_field(&state);

	timer_clear(TIMER_TOTAL);
	timer_start(TIMER_TOTAL);
	solve(&state);
	timer_stop(TIMER_TOTAL);
	double seconds = timer_read(TIMER_TOTAL);

	bool verified = verify_checksums(FT_CLASS, state.checksums, FT_ITERATIONS);

	struct npb_results results = {
	        .name = "FT",
	        .problem_class = FT_CLASS,
	        .size = {shape.nx, shape.ny, shape.nz},
	        .iterations = FT_ITERATIONS,
	        .seconds = seconds,
	        .mops = mops_rate(shape, FT_ITERATIONS, seconds),
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);

	release_state(&state);
	return npb_exit_status(verified);
}
