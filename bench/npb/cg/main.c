/* NPB kernel CG: estimates the smallest eigenvalue of a large random sparse
 * symmetric positive definite matrix by inverse power iteration, each step
 * solving a linear system with 25 unpreconditioned conjugate gradient
 * iterations, and checks the estimate (zeta) against the NPB reference value.
 *
 * As a migration workload it keeps state in every usual shape: the CSR matrix
 * is a struct of heap arrays, the iteration vectors are global arrays reached
 * through a struct of pointers, matrix generation uses function-local arrays
 * and a file-static generator state, and the hot loop runs several calls deep
 * (main -> run_timed_iterations -> power_step -> conj_grad -> cg_step ->
 * csr_multiply / dot_product), with irregular, indirect memory access. */
#include "cg_params.h"
#include "conj_grad.h"
#include "makea.h"
#include "npb_random.h"
#include "npb_results.h"
#include "npb_timer.h"
#include "sparse_matrix.h"
#include "vector_ops.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

enum { TIMER_INIT, TIMER_BENCH };

/* x: the power iteration's current vector, the right-hand side of each solve */
static double iterate[CG_ORDER];
/* z: the solve's result, matrix^-1 * iterate (approximately) */
static double solution[CG_ORDER];
static double direction[CG_ORDER];
static double matrix_direction[CG_ORDER];
static double residual[CG_ORDER];

static const struct cg_workspace workspace = {
        .direction = direction,
        .matrix_direction = matrix_direction,
        .residual = residual,
};

static void print_header(void)
{
	printf("\n\n NAS Parallel Benchmarks (serial C, xmig) - CG Benchmark\n\n");
	printf(" Size: %11d\n", CG_ORDER);
	printf(" Iterations: %5d\n", CG_NITER);
	printf("\n");
}

static void build_matrix(struct csr_matrix *matrix)
{
	double seed = CG_RANDOM_SEED;

	/* The reference draws one number before generating the matrix; the
	 * matrix, and so the reference zeta, depends on skipping it. */
	randlc(&seed, NPB_RANDOM_MULTIPLIER);
	makea(matrix, CG_ORDER, &seed);
}

/* One inverse power step: solve, then replace the iterate by the normalized
 * solution. Returns x . z, from which zeta follows; *rnorm gets the solve's
 * residual norm. */
static double power_step(const struct csr_matrix *matrix, double *rnorm)
{
	double iterate_dot_solution, solution_norm;

	*rnorm = conj_grad(matrix, iterate, solution, &workspace);
	iterate_dot_solution = dot_product(CG_ORDER, iterate, solution);
	solution_norm = sqrt(dot_product(CG_ORDER, solution, solution));
	scale_into(CG_ORDER, 1.0 / solution_norm, solution, iterate);
	return iterate_dot_solution;
}

/* An untimed step touches all code and data once, as the reference does,
 * so the timing excludes page faults and cold caches. */
static void warm_up(const struct csr_matrix *matrix)
{
	double rnorm;

	fill_vector(CG_ORDER, 1.0, iterate);
	power_step(matrix, &rnorm);
	fill_vector(CG_ORDER, 1.0, iterate);
}

static double run_timed_iterations(const struct csr_matrix *matrix)
{
	double zeta = 0.0;

	for (int iteration = 1; iteration <= CG_NITER; iteration++) {
		double rnorm;
		double iterate_dot_solution = power_step(matrix, &rnorm);

		zeta = CG_SHIFT + 1.0 / iterate_dot_solution;
		if (iteration == 1)
			printf("\n   iteration           ||r||                 zeta\n");
		printf("    %5d       %20.14E%20.13f\n", iteration, rnorm, zeta);
	}
	return zeta;
}

static bool verify_zeta(double zeta)
{
	double error;
	bool verified;

	if (!CG_HAS_ZETA_VERIFY) {
		printf(" No reference value for class %c: verification not performed\n",
		       CG_CLASS_LETTER);
		return false;
	}
	error = fabs(zeta - CG_ZETA_VERIFY) / CG_ZETA_VERIFY;
	verified = error <= CG_VERIFY_TOLERANCE;
	printf(" Benchmark completed\n");
	printf(" VERIFICATION %s\n", verified ? "SUCCESSFUL" : "FAILED");
	printf(" Zeta is    %20.13E\n", zeta);
	printf(" Reference  %20.13E\n", CG_ZETA_VERIFY);
	printf(" Error is   %20.13E\n", error);
	return verified;
}

/* Floating point operations of the timed section, counted as the reference
 * counts them. */
static double timed_flop_count(void)
{
	double row_products = (double)CG_NONZER * (CG_NONZER + 1);
	double per_outer_step =
	        3.0 + row_products + CG_INNER_ITERATIONS * (5.0 + row_products) + 3.0;
	return 2.0 * CG_NITER * (double)CG_ORDER * per_outer_step;
}

int main(void)
{
	struct csr_matrix matrix;
	double zeta, seconds;
	bool verified;

	print_header();
	timer_clear(TIMER_INIT);
	timer_clear(TIMER_BENCH);

	timer_start(TIMER_INIT);
	build_matrix(&matrix);
	warm_up(&matrix);
	timer_stop(TIMER_INIT);
	printf(" Matrix nonzeros: %d\n", csr_nonzero_count(&matrix));
	printf(" Initialization time = %15.3f seconds\n", timer_read(TIMER_INIT));

	timer_start(TIMER_BENCH);
	zeta = run_timed_iterations(&matrix);
	timer_stop(TIMER_BENCH);
	seconds = timer_read(TIMER_BENCH);

	verified = verify_zeta(zeta);

	struct npb_results results = {
	        .name = "CG",
	        .problem_class = CG_CLASS_LETTER,
	        .size = {CG_ORDER, 0, 0},
	        .iterations = CG_NITER,
	        .seconds = seconds,
	        .mops = seconds > 0.0 ? timed_flop_count() / seconds / 1.0e6 : 0.0,
	        .operation = "floating point",
	        .verified = verified,
	};
	npb_print_results(&results);

	csr_free(&matrix);
	return npb_exit_status(verified);
}
