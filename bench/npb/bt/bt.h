/* BT: the implicit step of the flow equations, approximately factored into one operator per
 * axis (alternating direction implicit), each a block tri-diagonal system of 5x5 blocks along
 * every grid line in that direction. */
#ifndef BT_H
#define BT_H

/* One time step: the residual, the three directional solves, and the update of u. */
void bt_adi_step(void);

/* rhs := the solution of the block tri-diagonal systems along every line in x, y or z. */
void x_solve(void);
void y_solve(void);
void z_solve(void);

#endif
