/* Generation of the CG test matrix, as the NPB specification defines it. */
#ifndef MAKEA_H
#define MAKEA_H

#include "sparse_matrix.h"

/* Builds into matrix (unallocated on entry) the symmetric positive definite
 * matrix of the given order, drawing random numbers from *seed and leaving
 * *seed advanced past every number drawn. */
void makea(struct csr_matrix *matrix, int order, double *seed);

#endif
