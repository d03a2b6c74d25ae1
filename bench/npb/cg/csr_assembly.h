/* Assembly of a CSR matrix from weighted outer products of sparse vectors. */
#ifndef CSR_ASSEMBLY_H
#define CSR_ASSEMBLY_H

#include "sparse_matrix.h"
#include "sparse_vector_list.h"

/* Allocates matrix and fills it with
 *   A = sum over i of ratio^i * v_i * v_i^T  +  (rcond - shift) * I,
 * where v_i is vector i of the list and ratio = rcond^(1/n), so the weights
 * fall geometrically from 1 to rcond. Vector i must hold entry i. */
void csr_assemble_outer_products(struct csr_matrix *matrix,
                                 const struct sparse_vector_list *vectors, double rcond,
                                 double shift);

#endif
