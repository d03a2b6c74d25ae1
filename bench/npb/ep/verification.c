/* Checking the Gaussian sums against the official NPB values for the class. */
#include <math.h>

#include "ep.h"

static double relative_error(double measured, double reference)
{
	return fabs((measured - reference) / reference);
}

void ep_verify(const struct ep_sums *sums, struct ep_verification *verification)
{
	verification->sx_relative_error = relative_error(sums->sx, EP_SX_REFERENCE);
	verification->sy_relative_error = relative_error(sums->sy, EP_SY_REFERENCE);
	/* Written so that a NaN error fails rather than passes. */
	verification->passed = verification->sx_relative_error <= EP_TOLERANCE &&
	                       verification->sy_relative_error <= EP_TOLERANCE;
}
