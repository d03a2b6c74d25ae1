/* Square sparse matrix in compressed sparse row (CSR) form, and the matrix-
 * vector product the solver spends nearly all its time in. */
#ifndef SPARSE_MATRIX_H
#define SPARSE_MATRIX_H

struct csr_matrix {
	int order;         /* number of rows, equal to the number of columns */
	int capacity;      /* entries the column_index and value arrays can hold */
	int *row_start;    /* order + 1 offsets into column_index and value */
	int *column_index; /* sorted ascending within each row */
	double *value;
};

/* Allocates storage for a matrix of the given order holding up to capacity
 * entries; all rows start out empty. Exits the program when memory runs out. */
void csr_allocate(struct csr_matrix *matrix, int order, int capacity);

void csr_free(struct csr_matrix *matrix);

int csr_nonzero_count(const struct csr_matrix *matrix);

/* product = matrix * vector */
void csr_multiply(const struct csr_matrix *matrix, const double *vector, double *product);

#endif
