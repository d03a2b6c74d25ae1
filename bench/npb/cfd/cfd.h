/* The flow solver core that NPB's three pseudo-applications (BT, SP and LU) share.
 *
 * All three integrate the compressible Navier-Stokes equations, in conservative form, on a
 * uniform grid over the unit cube, with a manufactured solution: the forcing term is chosen so
 * that a known polynomial field is the steady state, and the boundary holds that field. What the
 * three share is defined here once:
 *   - the grid, the conserved variables u and the global fields the solvers work on;
 *   - the exact solution, the initial field and the forcing term;
 *   - the discrete residual operator: second-order central differences of the convective and
 *     viscous fluxes, second-difference damping, and fourth-order artificial dissipation;
 *   - the flux and viscous Jacobians along each axis, which the implicit solvers factor;
 *   - 5x5 block operations, the RMS norms, and the verification block.
 * They differ in the implicit operator: BT factors block tri-diagonal systems, SP scalar
 * penta-diagonal ones after a change to characteristic variables, LU a symmetric successive
 * over-relaxation of the lower and upper triangular parts.
 *
 * Each application gives its grid size in its own cfd_problem.h, so the fields below are global
 * arrays of fixed shape, as in NPB. Indices are [k][j][i][m]: z, y, x, then the component. */
#ifndef CFD_H
#define CFD_H

#include <stdbool.h>

#include "cfd_problem.h"

#define CFD_N          CFD_GRID_POINTS
#define CFD_COMPONENTS 5
#define CFD_AXES       3

/* The physical constants of the specification: the ratio of specific heats (C1), C1 - 1 (C2),
 * and the scalings of the viscous terms (C3, C4, C5). */
#define CFD_C1    1.4
#define CFD_C2    0.4
#define CFD_C3    0.1
#define CFD_C4    1.0
#define CFD_C5    1.4
#define CFD_C3C4  (CFD_C3 * CFD_C4)
#define CFD_C1C5  (CFD_C1 * CFD_C5)
#define CFD_C1345 (CFD_C1C5 * CFD_C3C4)
#define CFD_CON43 (4.0 / 3.0)

typedef double cfd_field[CFD_N][CFD_N][CFD_N][CFD_COMPONENTS];
typedef double cfd_scalar_field[CFD_N][CFD_N][CFD_N];
typedef double cfd_block[CFD_COMPONENTS][CFD_COMPONENTS];

/* The conserved variables: density, the three momenta, and the total energy per volume. */
extern cfd_field u;
/* The right-hand side: the residual of u, which each solver turns into the update of u. */
extern cfd_field rhs;
/* The forcing term that makes the exact solution steady; zero on the boundary. */
extern cfd_field forcing;

/* Quantities derived from a field at every point, by cfd_compute_residual: 1/density, the
 * velocities, the kinetic energy per volume (square) and per mass (qs). */
extern cfd_scalar_field rho_inv, us, vs, ws, square, qs;

/* The coefficients of the discretisation. Axis 0 is x (index i), 1 is y (j), 2 is z (k). */
struct cfd_coefficients {
	double dt;
	double spacing[CFD_AXES]; /* 1 / (N - 1) */
	double t1[CFD_AXES];      /* 1 / spacing^2, for second differences */
	double t2[CFD_AXES];      /* 1 / (2 spacing), for central first differences */
	double t3[CFD_AXES];      /* 1 / spacing */
	double damping[CFD_AXES][CFD_COMPONENTS]; /* second-difference damping of each component */
	double dssp;                              /* the fourth-order dissipation coefficient */
};
extern struct cfd_coefficients cfd;

/* Sets the coefficients for time step dt. */
void cfd_set_constants(double dt);

/* The exact solution at (xi, eta, zeta) in the unit cube. */
void cfd_exact_solution(double xi, double eta, double zeta, double out[CFD_COMPONENTS]);

/* u on the boundary: the exact solution; inside: the transfinite interpolation of the boundary
 * values along the three axes. */
void cfd_initialize(void);

/* forcing = -(residual of the exact solution) inside, 0 on the boundary. Uses rhs as scratch, so
 * it must run before the first cfd_compute_residual. */
void cfd_compute_forcing(void);

/* Sets the derived quantities to those of field, then adds the residual of field to out inside
 * the grid. */
void cfd_add_residual_of(const cfd_field field, cfd_field out);

/* The derived quantities of u, then rhs = forcing + the residual of u inside the grid, and
 * rhs = forcing (zero) on the boundary. */
void cfd_compute_residual(void);

/* Multiplies the interior of a field by factor. */
void cfd_scale_interior(cfd_field field, double factor);

/* u += factor * rhs inside the grid. */
void cfd_add_update(double factor);

/* The weights of the fourth-order dissipation at position q of a line of n points, for offsets
 * -2..2 from q; boundary-adjacent positions use one-sided stencils. */
void cfd_dissipation_weights(int q, int n, double weights[5]);

/* The Jacobian of the inviscid flux along axis with respect to the conserved variables,
 * evaluated at state: J[row][column]. */
void cfd_flux_jacobian(int axis, const double state[CFD_COMPONENTS], cfd_block jacobian);

/* The Jacobian of the viscous flux along axis, as the implicit operators approximate it. */
void cfd_viscous_jacobian(int axis, const double state[CFD_COMPONENTS], cfd_block jacobian);

/* 5x5 block operations for the implicit solvers. */
void cfd_block_vector_subtract(const cfd_block a, const double x[CFD_COMPONENTS],
                               double y[CFD_COMPONENTS]);                           /* y -= a x */
void cfd_block_product_subtract(const cfd_block a, const cfd_block b, cfd_block c); /* c -= a b */
/* Gauss-Jordan elimination without pivoting: on return c = a^-1 c (if c is not NULL) and
 * r = a^-1 r; a is destroyed. The blocks of these systems are diagonally dominant. */
void cfd_block_solve(cfd_block a, cfd_block c, double r[CFD_COMPONENTS]);

/* RMS over the interior of the difference between u and the exact solution, per component. */
void cfd_error_norms(double norms[CFD_COMPONENTS]);
/* RMS of rhs over the interior, per component. */
void cfd_residual_norms(double norms[CFD_COMPONENTS]);

/* The official values a run is checked against. */
struct cfd_reference {
	double dt;
	double xcr[CFD_COMPONENTS]; /* residual norms */
	double xce[CFD_COMPONENTS]; /* error norms */
	bool has_xci;
	double xci; /* LU's surface integral */
};

/* Prints the comparison of the computed norms (and xci, when the reference has one) with the
 * reference, relative tolerance 1e-8, and whether dt is the reference dt. Returns whether all
 * agree. */
bool cfd_verify(char problem_class, const struct cfd_reference *reference,
                const double xcr[CFD_COMPONENTS], const double xce[CFD_COMPONENTS], double xci);

#endif
