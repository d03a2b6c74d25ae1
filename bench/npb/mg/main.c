/* NPB MG, serial: approximate the solution of a discrete Poisson problem with periodic
 * boundaries on a 2^k cube by V-cycle multigrid, and verify the L2 norm of the residual
 * left after a fixed number of cycles against the official NPB value.
 *
 * As a migration workload it carries: several hundred megabytes of heap grids in class A
 * (a u/r pair per level plus v), a global table of levels pointing into that heap, mutable
 * global coefficient arrays and static tables, a recursion one frame per level below the
 * driver, and variable-length scratch lines on the stack of every stencil sweep. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "mg.h"
#include "npb_results.h"

/* Floating-point operations per grid point per iteration, the count NPB reports MG by. */
#define MG_FLOPS_PER_POINT_ITERATION 58.0

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (xmig serial C) - MG Benchmark\n\n");
	printf(" Size: %4dx%4dx%4d  (class %c)\n", MG_GRID_SIZE, MG_GRID_SIZE, MG_GRID_SIZE,
	       MG_CLASS);
	printf(" Iterations: %4d\n\n", MG_ITERATIONS);
	fflush(stdout);
}

static bool verify_residual(double residual_l2)
{
	const double relative_error = fabs(residual_l2 - MG_REFERENCE_RNM2) / MG_REFERENCE_RNM2;
	const bool verified = relative_error <= MG_VERIFY_TOLERANCE;

	printf("\n Benchmark completed\n");
	printf(" L2 norm of residual = %20.13e\n", residual_l2);
	printf(" Reference value     = %20.13e\n", MG_REFERENCE_RNM2);
	printf(" Relative error      = %20.13e (tolerance %.1e)\n", relative_error,
	       MG_VERIFY_TOLERANCE);
	printf(" Verification %s\n", verified ? "SUCCESSFUL" : "FAILED");
	return verified;
}

static double mops(double seconds)
{
	const double points = (double)MG_GRID_SIZE * MG_GRID_SIZE * MG_GRID_SIZE;

	if (seconds <= 0.0)
		return 0.0;
	return MG_FLOPS_PER_POINT_ITERATION * MG_ITERATIONS * points * 1.0e-6 / seconds;
}

int main(void)
{
	struct mg_run run;

	print_header();
	mg_run_benchmark(&run);
	const bool verified = verify_residual(run.residual_l2);

	const struct npb_results results = {
	        .name = "MG",
	        .problem_class = MG_CLASS,
	        .size = {MG_GRID_SIZE, MG_GRID_SIZE, MG_GRID_SIZE},
	        .iterations = MG_ITERATIONS,
	        .seconds = run.bench_seconds,
	        .mops = mops(run.bench_seconds),
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);
	return npb_exit_status(verified);
}
