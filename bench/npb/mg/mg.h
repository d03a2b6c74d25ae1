/* Shared declarations of the MG kernel: the grid hierarchy and the operators on it.
 *
 * A field is a dense array of doubles over one grid level, axis 1 varying fastest. Each axis
 * carries one ghost plane on either side holding the periodic image of the opposite interior
 * plane, so the stencils never need to wrap indices. */
#ifndef MG_H
#define MG_H

#include <stddef.h>

#include "mg_params.h"

/* Level 1 has two interior points per axis: the smallest grid on which the 27-point
 * stencils still see distinct neighbours. */
#define MG_COARSEST_LEVEL 1

/* Points along each axis of a field, both ghost planes included. */
struct grid_shape {
	int n1, n2, n3;
};

struct grid_level {
	int level;
	struct grid_shape shape;
	double *u; /* the correction on this level; the approximate solution on the finest */
	double *r; /* the residual this level's correction is solving for */
};

/* grid.c: the hierarchy, indexed by level number so that grid_levels[k] is level k. */
extern struct grid_level grid_levels[MG_LEVELS + 1];
extern double *rhs_field; /* v, the right-hand side; it exists on the finest level only */
void grid_setup(void);
void grid_release(void);
void grid_zero(double *field, struct grid_shape shape);

/* boundary.c: NPB's comm3. */
void apply_periodic_boundary(double *field, struct grid_shape shape);

/* stencils.c: the residual operator A and the smoother S. */
extern double residual_coefficients[4];
extern double smoother_coefficients[4];
void select_stencil_coefficients(void);
void compute_residual(const double *u_field, const double *v_field, double *r_field,
                      struct grid_shape shape);
void apply_smoother(const double *r_field, double *u_field, struct grid_shape shape);

/* transfer.c: restriction P and prolongation Q between neighbouring levels. */
void restrict_residual(const double *fine_field, struct grid_shape fine, double *coarse_field,
                       struct grid_shape coarse);
void prolongate_correction(const double *coarse_field, struct grid_shape coarse, double *fine_field,
                           struct grid_shape fine);

/* vcycle.c: NPB's mg3P. */
void vcycle(const double *v_field);

/* init.c: NPB's zran3. */
void initialise_rhs(double *v_field, struct grid_shape shape);

/* norm.c: NPB's norm2u3. */
void residual_norms(const double *r_field, struct grid_shape shape, double *l2_norm,
                    double *max_norm);

/* driver.c: the benchmark proper, from allocation to the final residual. */
struct mg_run {
	double residual_l2;
	double residual_max;
	double init_seconds;
	double bench_seconds;
};
void mg_run_benchmark(struct mg_run *run);

#endif
