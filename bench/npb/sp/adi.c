/* One SP time step. */
#include "sp.h"

static void compute_rhs(void)
{
	cfd_compute_residual();
	compute_speed();
	cfd_scale_interior(rhs, cfd.dt);
}

void sp_adi_step(void)
{
	compute_rhs();
	txinvr();
	x_solve();
	y_solve();
	z_solve();
	cfd_add_update(1.0);
}
