/* The Jacobians of the fluxes along one axis, which BT's and LU's implicit operators are built
 * from. Row: equation (component of the flux); column: conserved variable. */
#include "cfd.h"

#include <string.h>

void cfd_flux_jacobian(int axis, const double w[CFD_COMPONENTS], cfd_block jacobian)
{
	const int along = axis + 1;
	const double inverse = 1.0 / w[0];
	const double inverse2 = inverse * inverse;
	const double velocity = w[along] * inverse;
	const double kinetic = 0.5 * (w[1] * w[1] + w[2] * w[2] + w[3] * w[3]) * inverse;
	const double kinetic_per_mass = kinetic * inverse;

	memset(jacobian, 0, sizeof(cfd_block));
	jacobian[0][along] = 1.0;
	for (int m = 1; m <= CFD_AXES; m++) {
		double *row = jacobian[m];

		if (m != along) {
			row[0] = -(w[m] * w[along]) * inverse2;
			row[m] = velocity;
			row[along] = w[m] * inverse;
			continue;
		}
		row[0] = -(velocity * velocity) + CFD_C2 * kinetic_per_mass;
		for (int n = 1; n <= CFD_AXES; n++)
			row[n] = -CFD_C2 * (w[n] * inverse);
		row[m] = (2.0 - CFD_C2) * velocity;
		row[4] = CFD_C2;
	}
	double *energy = jacobian[4];
	energy[0] = (CFD_C2 * 2.0 * kinetic - CFD_C1 * w[4]) * (w[along] * inverse2);
	for (int n = 1; n <= CFD_AXES; n++)
		energy[n] = -CFD_C2 * (w[n] * w[along]) * inverse2;
	energy[along] = CFD_C1 * w[4] * inverse -
	                CFD_C2 * (w[along] * w[along] * inverse2 + kinetic_per_mass);
	energy[4] = CFD_C1 * velocity;
}

void cfd_viscous_jacobian(int axis, const double w[CFD_COMPONENTS], cfd_block jacobian)
{
	const double inverse = 1.0 / w[0];
	const double inverse2 = inverse * inverse;
	const double inverse3 = inverse * inverse2;
	double *energy = jacobian[4];

	memset(jacobian, 0, sizeof(cfd_block));
	energy[0] = -CFD_C1345 * inverse2 * w[4];
	for (int m = 1; m <= CFD_AXES; m++) {
		/* The normal stress carries 4/3 of the shear coefficient. */
		const double k = m == axis + 1 ? CFD_CON43 * CFD_C3C4 : CFD_C3C4;

		jacobian[m][0] = -k * inverse2 * w[m];
		jacobian[m][m] = k * inverse;
		energy[0] -= (k - CFD_C1345) * inverse3 * (w[m] * w[m]);
		energy[m] = (k - CFD_C1345) * inverse2 * w[m];
	}
	energy[4] = CFD_C1345 * inverse;
}
