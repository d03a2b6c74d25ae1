/* NPB BT, serial: solve the discretised compressible Navier-Stokes equations on a cube by an
 * alternating direction implicit scheme whose directional operators are block tri-diagonal
 * with 5x5 blocks, for a fixed number of time steps, and verify the residual and error norms
 * against the official NPB values.
 *
 * As a migration workload it carries: seven global 4-D and 3-D fields, per-line work arrays of
 * blocks on the stack of every directional solve, and a call chain of time step, direction,
 * line, block elimination and 5x5 helpers. */
#include <stdio.h>

#include "bt.h"
#include "cfd.h"
#include "npb_results.h"
#include "npb_timer.h"

#define BT_TIMER 0
/* How often the step number is printed, as NPB does. */
#define BT_REPORT_EVERY 20

/* Floating-point operations per time step on an n^3 grid, the count NPB reports BT by. */
static double flops_per_step(double n)
{
	return 3478.8 * n * n * n - 17655.7 * n * n + 28023.7 * n;
}

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - BT Benchmark\n\n");
	printf(" Size: %4dx%4dx%4d  (class %c)\n", CFD_N, CFD_N, CFD_N, BT_CLASS);
	printf(" Iterations: %4d    dt: %10.6f\n\n", BT_TIME_STEPS, BT_DT);
	fflush(stdout);
}

int main(void)
{
	static const struct cfd_reference reference = {
	        .dt = BT_DT,
	        .xcr = BT_REFERENCE_XCR,
	        .xce = BT_REFERENCE_XCE,
	};
	double xcr[CFD_COMPONENTS], xce[CFD_COMPONENTS];

	print_header();
	cfd_set_constants(BT_DT);
	cfd_compute_forcing();
	cfd_initialize();
	/* One untimed step touches all code and data, as NPB does; then start again. */
	bt_adi_step();
	cfd_initialize();

	timer_clear(BT_TIMER);
	timer_start(BT_TIMER);
	for (int step = 1; step <= BT_TIME_STEPS; step++) {
		if (step % BT_REPORT_EVERY == 0 || step == 1)
			printf(" Time step %4d\n", step);
		bt_adi_step();
	}
	timer_stop(BT_TIMER);
	const double seconds = timer_read(BT_TIMER);

	cfd_error_norms(xce);
	cfd_compute_residual();
	cfd_residual_norms(xcr);
	const bool verified = cfd_verify(BT_CLASS, &reference, xcr, xce, 0.0);

	const struct npb_results results = {
	        .name = "BT",
	        .problem_class = BT_CLASS,
	        .size = {CFD_N, CFD_N, CFD_N},
	        .iterations = BT_TIME_STEPS,
	        .seconds = seconds,
	        .mops = seconds > 0.0 ? flops_per_step(CFD_N) * BT_TIME_STEPS * 1.0e-6 / seconds
	                              : 0.0,
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);
	return npb_exit_status(verified);
}
