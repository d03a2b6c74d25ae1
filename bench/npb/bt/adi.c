/* One BT time step. */
#include "bt.h"
#include "cfd.h"

static void compute_rhs(void)
{
	cfd_compute_residual();
	cfd_scale_interior(rhs, cfd.dt);
}

void bt_adi_step(void)
{
	compute_rhs();
	x_solve();
	y_solve();
	z_solve();
	cfd_add_update(1.0);
}
