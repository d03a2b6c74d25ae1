#include "verify.h"

#include <math.h>
#include <stdio.h>

#define MAX_REFERENCE_STEPS 6

/* NPB's tolerance: the modulus of the error relative to the modulus of the
 * reference checksum. */
static const double tolerance = 1.0e-12;

struct reference_checksums {
	char problem_class;
	int steps;
	struct complex checksums[MAX_REFERENCE_STEPS];
};

static const struct reference_checksums references[] = {
        {'S',
         6,
         {{554.6087004964, 484.5363331978},
          {554.6385409189, 486.5304269511},
          {554.6148406171, 488.3910722336},
          {554.5423607415, 490.1273169046},
          {554.4255039624, 491.7475857993},
          {554.2683411902, 493.2597244941}}},
        {'W',
         6,
         {{567.3612178944, 529.3246849175},
          {563.1436885271, 528.2149986629},
          {559.4024089970, 527.0996558037},
          {556.0698047020, 526.0027904925},
          {553.0898991250, 524.9400845633},
          {550.4159734538, 523.9212247086}}},
        {'A',
         6,
         {{504.6735008193, 511.4047905510},
          {505.9412319734, 509.8809666433},
          {506.9376896287, 509.8144042213},
          {507.7892868474, 510.1336130759},
          {508.5233095391, 510.4914655194},
          {509.1487099959, 510.7917842803}}},
};

static const struct reference_checksums *find_reference(char problem_class)
{
	int count = (int)(sizeof(references) / sizeof(references[0]));

	for (int i = 0; i < count; i++)
		if (references[i].problem_class == problem_class)
			return &references[i];
	return NULL;
}

static double modulus(struct complex value)
{
	return sqrt(value.real * value.real + value.imag * value.imag);
}

static double relative_error(struct complex value, struct complex reference)
{
	return modulus(complex_sub(value, reference)) / modulus(reference);
}

bool verify_checksums(char problem_class, const struct complex *checksums, int steps)
{
	const struct reference_checksums *reference = find_reference(problem_class);

	if (reference == NULL) {
		printf(" No reference checksums for class %c\n", problem_class);
		return false;
	}
	if (reference->steps != steps) {
		printf(" Reference checksums for class %c cover %d steps, not %d\n", problem_class,
		       reference->steps, steps);
		return false;
	}

	bool verified = true;
	for (int step = 0; step < steps; step++) {
		double error = relative_error(checksums[step], reference->checksums[step]);
		if (!(error <= tolerance)) {
			printf(" Step %d: relative checksum error %.3e exceeds %.0e\n", step + 1,
			       error, tolerance);
			verified = false;
		}
	}
	printf(" Result verification %s\n", verified ? "successful" : "failed");
	printf(" class = %c\n", problem_class);
	return verified;
}
