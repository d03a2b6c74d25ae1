/* Compares a run's norms with the official ones and prints NPB's verification block. */
#include "cfd.h"

#include <math.h>
#include <stdio.h>

#define CFD_VERIFY_TOLERANCE 1.0e-8

static bool compare(const char *title, const double *computed, const double *reference, int count)
{
	bool agree = true;

	printf(" Comparison of %s\n", title);
	for (int m = 0; m < count; m++) {
		const double error = fabs((computed[m] - reference[m]) / reference[m]);
		/* Written so that a NaN fails. */
		const bool within = error <= CFD_VERIFY_TOLERANCE;

		printf("          %2d %20.13E %20.13E %20.13E%s\n", m + 1, computed[m],
		       reference[m], error, within ? "" : " FAILURE");
		agree = agree && within;
	}
	return agree;
}

bool cfd_verify(char problem_class, const struct cfd_reference *reference,
                const double xcr[CFD_COMPONENTS], const double xce[CFD_COMPONENTS], double xci)
{
	bool verified = true;

	printf(" Verification being performed for class %c\n", problem_class);
	printf(" accuracy setting for epsilon = %20.13E\n", CFD_VERIFY_TOLERANCE);
	if (fabs(cfd.dt - reference->dt) > CFD_VERIFY_TOLERANCE * reference->dt) {
		printf(" DT does not match the reference value %15.8E\n", reference->dt);
		verified = false;
	}
	verified &= compare("RMS-norms of residual", xcr, reference->xcr, CFD_COMPONENTS);
	verified &= compare("RMS-norms of solution error", xce, reference->xce, CFD_COMPONENTS);
	if (reference->has_xci)
		verified &= compare("surface integral", &xci, &reference->xci, 1);
	printf(" Verification %s\n", verified ? "Successful" : "failed");
	return verified;
}
