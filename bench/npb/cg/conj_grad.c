#include "conj_grad.h"

#include "cg_params.h"
#include "vector_ops.h"

#include <math.h>

/* One CG step; returns the new squared residual norm. rho is the squared
 * residual norm the step starts from. */
static double cg_step(const struct csr_matrix *matrix, double *solution,
                      const struct cg_workspace *workspace, double rho)
{
	int n = matrix->order;
	double *p = workspace->direction;
	double *q = workspace->matrix_direction;
	double *r = workspace->residual;
	double alpha, beta, new_rho;

	csr_multiply(matrix, p, q);
	alpha = rho / dot_product(n, p, q);
	add_scaled(n, alpha, p, solution);
	add_scaled(n, -alpha, q, r);
	new_rho = dot_product(n, r, r);
	beta = new_rho / rho;
	add_to_scaled(n, r, beta, p);
	return new_rho;
}

/* The recurrence only estimates the residual; it is recomputed from the
 * solution so that the printed norm is the real one. */
static double true_residual_norm(const struct csr_matrix *matrix, const double *rhs,
                                 const double *solution, double *scratch)
{
	csr_multiply(matrix, solution, scratch);
	return sqrt(squared_distance(matrix->order, rhs, scratch));
}

double conj_grad(const struct csr_matrix *matrix, const double *rhs, double *solution,
                 const struct cg_workspace *workspace)
{
	int n = matrix->order;
	double rho;

	fill_vector(n, 0.0, workspace->matrix_direction);
	fill_vector(n, 0.0, solution);
	copy_vector(n, rhs, workspace->residual);
	copy_vector(n, workspace->residual, workspace->direction);

	rho = dot_product(n, workspace->residual, workspace->residual);
	for (int iteration = 0; iteration < CG_INNER_ITERATIONS; iteration++)
		rho = cg_step(matrix, solution, workspace, rho);

	return true_residual_norm(matrix, rhs, solution, workspace->residual);
}
