/* The benchmark run: build the hierarchy, do NPB's untimed warm-up cycle, then time
 * MG_ITERATIONS V-cycles from a fresh start and measure the residual they leave. */
#include "mg.h"

#include <stdio.h>

#include "npb_timer.h"

enum { TIMER_BENCH = 0, TIMER_INIT = 1 };

/* u = 0 and v freshly generated: the state every measured run starts from. */
static void reset_problem(struct grid_level *finest)
{
	grid_zero(finest->u, finest->shape);
	initialise_rhs(rhs_field, finest->shape);
}

/* One untimed cycle, as NPB does, so that the timed iterations run on warm caches and
 * already-touched pages. */
static void warm_up(struct grid_level *finest)
{
	double l2_norm, max_norm;

	compute_residual(finest->u, rhs_field, finest->r, finest->shape);
	residual_norms(finest->r, finest->shape, &l2_norm, &max_norm);
	vcycle(rhs_field);
	compute_residual(finest->u, rhs_field, finest->r, finest->shape);
}

static void iterate(struct grid_level *finest)
{
	for (int iteration = 1; iteration <= MG_ITERATIONS; iteration++) {
		if (iteration == 1 || iteration == MG_ITERATIONS || iteration % 5 == 0) {
			printf("  iter %3d\n", iteration);
			fflush(stdout);
		}
		vcycle(rhs_field);
		compute_residual(finest->u, rhs_field, finest->r, finest->shape);
	}
}

void mg_run_benchmark(struct mg_run *run)
{
	timer_clear(TIMER_BENCH);
	timer_clear(TIMER_INIT);
	timer_start(TIMER_INIT);

	select_stencil_coefficients();
	grid_setup();
	struct grid_level *finest = &grid_levels[MG_LEVELS];

	reset_problem(finest);
	warm_up(finest);
	reset_problem(finest);

	timer_stop(TIMER_INIT);
	run->init_seconds = timer_read(TIMER_INIT);
	printf(" Initialization time: %15.3f seconds\n\n", run->init_seconds);
	fflush(stdout);

	timer_start(TIMER_BENCH);
	compute_residual(finest->u, rhs_field, finest->r, finest->shape);
	residual_norms(finest->r, finest->shape, &run->residual_l2, &run->residual_max);
	iterate(finest);
	residual_norms(finest->r, finest->shape, &run->residual_l2, &run->residual_max);
	timer_stop(TIMER_BENCH);
	run->bench_seconds = timer_read(TIMER_BENCH);

	grid_release();
}
