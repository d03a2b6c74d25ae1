/* NPB SP, serial: solve the discretised compressible Navier-Stokes equations on a cube by an
 * alternating direction implicit scheme whose directional operators are diagonalised into
 * scalar penta-diagonal systems, for a fixed number of time steps, and verify the residual and
 * error norms against the official NPB values.
 *
 * As a migration workload it carries: eight global 4-D and 3-D fields, per-line work arrays of
 * diagonals on the stack of every directional solve, and a call chain of time step, direction,
 * line and elimination, with a change of variables between the directions. */
#include <stdio.h>

#include "cfd.h"
#include "npb_results.h"
#include "npb_timer.h"
#include "sp.h"

#define SP_TIMER 0
/* How often the step number is printed, as NPB does. */
#define SP_REPORT_EVERY 20

/* Floating-point operations per time step on an n^3 grid, the count NPB reports SP by. */
static double flops_per_step(double n)
{
	return 881.174 * n * n * n - 4683.91 * n * n + 11484.5 * n - 19272.4;
}

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - SP Benchmark\n\n");
	printf(" Size: %4dx%4dx%4d  (class %c)\n", CFD_N, CFD_N, CFD_N, SP_CLASS);
	printf(" Iterations: %4d    dt: %10.6f\n\n", SP_TIME_STEPS, SP_DT);
	fflush(stdout);
}

int main(void)
{
	static const struct cfd_reference reference = {
	        .dt = SP_DT,
	        .xcr = SP_REFERENCE_XCR,
	        .xce = SP_REFERENCE_XCE,
	};
	double xcr[CFD_COMPONENTS], xce[CFD_COMPONENTS];

	print_header();
	cfd_set_constants(SP_DT);
	cfd_compute_forcing();
	cfd_initialize();
	/* One untimed step touches all code and data, as NPB does; then start again. */
	sp_adi_step();
	cfd_initialize();

	timer_clear(SP_TIMER);
	timer_start(SP_TIMER);
	for (int step = 1; step <= SP_TIME_STEPS; step++) {
		if (step % SP_REPORT_EVERY == 0 || step == 1)
			printf(" Time step %4d\n", step);
		sp_adi_step();
	}
	timer_stop(SP_TIMER);
	const double seconds = timer_read(SP_TIMER);

	cfd_error_norms(xce);
	cfd_compute_residual();
	cfd_residual_norms(xcr);
	const bool verified = cfd_verify(SP_CLASS, &reference, xcr, xce, 0.0);

	const struct npb_results results = {
	        .name = "SP",
	        .problem_class = SP_CLASS,
	        .size = {CFD_N, CFD_N, CFD_N},
	        .iterations = SP_TIME_STEPS,
	        .seconds = seconds,
	        .mops = seconds > 0.0 ? flops_per_step(CFD_N) * SP_TIME_STEPS * 1.0e-6 / seconds
	                              : 0.0,
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);
	return npb_exit_status(verified);
}
