#ifndef FT_VERIFY_H
#define FT_VERIFY_H

#include "complex.h"

#include <stdbool.h>

/* Compares each step's checksum with the official NPB value for the class.
 * A class without official values, or a different step count, fails. */
bool verify_checksums(char problem_class, const struct complex *checksums, int steps);

#endif
