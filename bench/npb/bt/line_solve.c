/* The block tri-diagonal systems of BT, one per grid line. Along a line of N points the
 * implicit operator of one axis is
 *     A_p x_{p-1} + B_p x_p + C_p x_{p+1} = rhs_p
 * with blocks from the flux Jacobian (first differences) and the viscous Jacobian and damping
 * (second differences) at the neighbouring points; the boundary rows are the identity. */
#include "bt.h"
#include "cfd.h"

#include <string.h>

struct line_system {
	cfd_block a[CFD_N], b[CFD_N], c[CFD_N];
	double x[CFD_N][CFD_COMPONENTS]; /* the right-hand side, then the solution */
};

static double *state_at(int axis, int p, int first, int second)
{
	switch (axis) {
	case 0:
		return u[second][first][p];
	case 1:
		return u[second][p][first];
	default:
		return u[p][second][first];
	}
}

static double *rhs_at(int axis, int p, int first, int second)
{
	switch (axis) {
	case 0:
		return rhs[second][first][p];
	case 1:
		return rhs[second][p][first];
	default:
		return rhs[p][second][first];
	}
}

static void set_identity(cfd_block block)
{
	memset(block, 0, sizeof(cfd_block));
	for (int m = 0; m < CFD_COMPONENTS; m++)
		block[m][m] = 1.0;
}

/* Builds the blocks of the line through (first, second) along axis. */
static void build_line(int axis, int first, int second, struct line_system *line)
{
	cfd_block flux[CFD_N], viscous[CFD_N];
	const double dt_t1 = cfd.dt * cfd.t1[axis];
	const double dt_t2 = cfd.dt * cfd.t2[axis];
	const double *damping = cfd.damping[axis];

	for (int p = 0; p < CFD_N; p++) {
		const double *state = state_at(axis, p, first, second);

		cfd_flux_jacobian(axis, state, flux[p]);
		cfd_viscous_jacobian(axis, state, viscous[p]);
		memcpy(line->x[p], rhs_at(axis, p, first, second), sizeof line->x[p]);
	}
	for (int p = 0; p < CFD_N; p += CFD_N - 1) {
		memset(line->a[p], 0, sizeof(cfd_block));
		set_identity(line->b[p]);
		memset(line->c[p], 0, sizeof(cfd_block));
	}
	for (int p = 1; p < CFD_N - 1; p++)
		for (int row = 0; row < CFD_COMPONENTS; row++) {
			for (int column = 0; column < CFD_COMPONENTS; column++) {
				line->a[p][row][column] = -dt_t2 * flux[p - 1][row][column] -
				                          dt_t1 * viscous[p - 1][row][column];
				line->b[p][row][column] = dt_t1 * 2.0 * viscous[p][row][column];
				line->c[p][row][column] = dt_t2 * flux[p + 1][row][column] -
				                          dt_t1 * viscous[p + 1][row][column];
			}
			line->a[p][row][row] -= dt_t1 * damping[row];
			line->b[p][row][row] += 1.0 + dt_t1 * 2.0 * damping[row];
			line->c[p][row][row] -= dt_t1 * damping[row];
		}
}

/* Block Gaussian elimination down the line, then back substitution. */
static void solve_line(struct line_system *line)
{
	cfd_block_solve(line->b[0], line->c[0], line->x[0]);
	for (int p = 1; p < CFD_N; p++) {
		cfd_block_vector_subtract(line->a[p], line->x[p - 1], line->x[p]);
		cfd_block_product_subtract(line->a[p], line->c[p - 1], line->b[p]);
		cfd_block_solve(line->b[p], p < CFD_N - 1 ? line->c[p] : NULL, line->x[p]);
	}
	for (int p = CFD_N - 2; p >= 0; p--)
		cfd_block_vector_subtract(line->c[p], line->x[p + 1], line->x[p]);
}

static void solve_lines(int axis)
{
	struct line_system line;

	for (int second = 1; second < CFD_N - 1; second++)
		for (int first = 1; first < CFD_N - 1; first++) {
			build_line(axis, first, second, &line);
			solve_line(&line);
			for (int p = 0; p < CFD_N; p++)
				memcpy(rhs_at(axis, p, first, second), line.x[p], sizeof line.x[p]);
		}
}

void x_solve(void)
{
	solve_lines(0);
}

void y_solve(void)
{
	solve_lines(1);
}

void z_solve(void)
{
	solve_lines(2);
}
