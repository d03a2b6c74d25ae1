/* NPB LU, serial: solve the discretised compressible Navier-Stokes equations on a cube by
 * symmetric successive over-relaxation of the implicit operator's lower and upper triangular
 * parts, for a fixed number of iterations, and verify the residual and error norms and a
 * surface integral against the official NPB values.
 *
 * As a migration workload it carries: seven global 4-D and 3-D fields, 5x5 blocks built on
 * the stack at every point of every sweep, and a call chain of iteration, plane sweep, point,
 * neighbour blocks and Jacobians. */
#include <stdio.h>

#include "cfd.h"
#include "lu.h"
#include "lu_params.h"
#include "npb_results.h"
#include "npb_timer.h"

#define LU_TIMER 0

/* Floating-point operations per iteration on an n^3 grid, the count NPB reports LU by. */
static double flops_per_iteration(double n)
{
	return 1984.77 * n * n * n - 10923.3 * (n - 2.0) * (n - 2.0) + 27770.9 * n - 144010.0;
}

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - LU Benchmark\n\n");
	printf(" Size: %4dx%4dx%4d  (class %c)\n", CFD_N, CFD_N, CFD_N, LU_CLASS);
	printf(" Iterations: %4d    dt: %10.6f\n\n", LU_ITERATIONS, LU_DT);
	fflush(stdout);
}

int main(void)
{
	static const struct cfd_reference reference = {
	        .dt = LU_DT,
	        .xcr = LU_REFERENCE_XCR,
	        .xce = LU_REFERENCE_XCE,
	        .has_xci = true,
	        .xci = LU_REFERENCE_XCI,
	};
	double xcr[CFD_COMPONENTS], xce[CFD_COMPONENTS];

	print_header();
	cfd_set_constants(LU_DT);
	cfd_compute_forcing();
	cfd_initialize();
	/* One untimed iteration touches all code and data, as NPB does; then start again. */
	ssor(1);
	cfd_initialize();

	timer_clear(LU_TIMER);
	timer_start(LU_TIMER);
	ssor(LU_ITERATIONS);
	timer_stop(LU_TIMER);
	const double seconds = timer_read(LU_TIMER);

	cfd_residual_norms(xcr);
	cfd_error_norms(xce);
	const double xci = surface_integral();
	const bool verified = cfd_verify(LU_CLASS, &reference, xcr, xce, xci);

	const struct npb_results results = {
	        .name = "LU",
	        .problem_class = LU_CLASS,
	        .size = {CFD_N, CFD_N, CFD_N},
	        .iterations = LU_ITERATIONS,
	        .seconds = seconds,
	        .mops = seconds > 0.0
	                        ? flops_per_iteration(CFD_N) * LU_ITERATIONS * 1.0e-6 / seconds
	                        : 0.0,
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);
	return npb_exit_status(verified);
}
