/* One multigrid V-cycle (NPB's mg3P): restrict the residual down to the coarsest level,
 * smooth there, then on the way up prolongate each correction, recompute the residual it
 * leaves and smooth it away. */
#include "mg.h"

/* Approximates the correction u on a level below the finest, given that level's residual r.
 * It recurses once per level, so the call chain is as deep as the hierarchy. */
static void solve_for_correction(int level)
{
	struct grid_level *grid = &grid_levels[level];

	if (level == MG_COARSEST_LEVEL) {
		grid_zero(grid->u, grid->shape);
		apply_smoother(grid->r, grid->u, grid->shape);
		return;
	}

	struct grid_level *coarser = &grid_levels[level - 1];

	restrict_residual(grid->r, grid->shape, coarser->r, coarser->shape);
	solve_for_correction(level - 1);

	grid_zero(grid->u, grid->shape);
	prolongate_correction(coarser->u, coarser->shape, grid->u, grid->shape);
	/* The level's residual is replaced by what the coarse correction leaves of it. */
	compute_residual(grid->u, grid->r, grid->r, grid->shape);
	apply_smoother(grid->r, grid->u, grid->shape);
}

/* Improves the finest level's u in place; its r must hold v - A u on entry. */
void vcycle(const double *v_field)
{
	struct grid_level *finest = &grid_levels[MG_LEVELS];
	struct grid_level *coarser = &grid_levels[MG_LEVELS - 1];

	restrict_residual(finest->r, finest->shape, coarser->r, coarser->shape);
	solve_for_correction(MG_LEVELS - 1);

	prolongate_correction(coarser->u, coarser->shape, finest->u, finest->shape);
	compute_residual(finest->u, v_field, finest->r, finest->shape);
	apply_smoother(finest->r, finest->u, finest->shape);
}
