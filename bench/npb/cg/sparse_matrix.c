#include "sparse_matrix.h"

#include <stdio.h>
#include <stdlib.h>

static void *allocate_or_exit(size_t count, size_t element_size, const char *what)
{
	void *memory = calloc(count, element_size);
	if (memory == NULL) {
		fprintf(stderr, "cg: out of memory allocating %zu %s\n", count, what);
		exit(EXIT_FAILURE);
	}
	return memory;
}

void csr_allocate(struct csr_matrix *matrix, int order, int capacity)
{
	matrix->order = order;
	matrix->capacity = capacity;
	/* calloc leaves every row_start at zero: every row empty. */
	matrix->row_start = allocate_or_exit((size_t)order + 1, sizeof(int), "row offsets");
	matrix->column_index = allocate_or_exit((size_t)capacity, sizeof(int), "column indices");
	matrix->value = allocate_or_exit((size_t)capacity, sizeof(double), "matrix values");
}

void csr_free(struct csr_matrix *matrix)
{
	free(matrix->row_start);
	free(matrix->column_index);
	free(matrix->value);
	matrix->row_start = NULL;
	matrix->column_index = NULL;
	matrix->value = NULL;
	matrix->order = 0;
	matrix->capacity = 0;
}

int csr_nonzero_count(const struct csr_matrix *matrix)
{
	return matrix->row_start[matrix->order];
}

static double row_times_vector(const struct csr_matrix *matrix, int row, const double *vector)
{
	double sum = 0.0;
	for (int k = matrix->row_start[row]; k < matrix->row_start[row + 1]; k++)
		sum += matrix->value[k] * vector[matrix->column_index[k]];
	return sum;
}

void csr_multiply(const struct csr_matrix *matrix, const double *vector, double *product)
{
	for (int row = 0; row < matrix->order; row++)
		product[row] = row_times_vector(matrix, row, vector);
}
