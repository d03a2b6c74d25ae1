/* LU: the implicit step of the flow equations solved by symmetric successive over-relaxation.
 * The implicit operator is split into its lower and upper block-triangular parts (the coupling
 * to the neighbours below, respectively above, along all three axes) and a block diagonal; each
 * iteration sweeps the grid forwards through the lower part and backwards through the upper
 * part, plane by plane. */
#ifndef LU_H
#define LU_H

/* Runs iterations of SSOR from u, leaving in rhs the residual of the final u. */
void ssor(int iterations);

/* The forward sweep through plane k (rhs := (D + omega L)^-1 rhs there), and the backward one. */
void lower_sweep(int k);
void upper_sweep(int k);

/* The integral over the grid's surface of the pressure, which LU verifies besides the norms. */
double surface_integral(void);

#endif
