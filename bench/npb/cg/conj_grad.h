/* The conjugate gradient solve at the heart of each inverse power step. */
#ifndef CONJ_GRAD_H
#define CONJ_GRAD_H

#include "sparse_matrix.h"

/* Scratch vectors of the solve, each of the matrix order. */
struct cg_workspace {
	double *direction;        /* p: the current search direction */
	double *matrix_direction; /* q: matrix * direction */
	double *residual;         /* r: right-hand side minus matrix * solution */
};

/* Approximately solves matrix * solution = rhs with a fixed number of CG
 * iterations starting from zero, and returns the norm of the true residual
 * rhs - matrix * solution. */
double conj_grad(const struct csr_matrix *matrix, const double *rhs, double *solution,
                 const struct cg_workspace *workspace);

#endif
