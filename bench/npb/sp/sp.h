/* SP: the implicit step of the flow equations, factored into one operator per axis as in BT,
 * but with each directional operator diagonalised: in the characteristic variables of that
 * axis the system decouples into scalar penta-diagonal systems along every grid line, and
 * similarity transforms move rhs between the variables of successive axes. */
#ifndef SP_H
#define SP_H

#include "cfd.h"

/* The speed of sound at every point, from the derived quantities of u. */
extern cfd_scalar_field speed;

/* One time step: the residual, the directional solves with their transforms, the update. */
void sp_adi_step(void);

/* rhs := the solution of the penta-diagonal systems along every line in x, y or z. */
void x_solve(void);
void y_solve(void);
void z_solve(void);

/* The similarity transforms between conserved and characteristic variables (see
 * characteristics.c). */
void compute_speed(void);
void txinvr(void);
void ninvr(void);
void pinvr(void);
void tzetar(void);

#endif
