/* Each matrix entry is a sum of contributions from several outer products.
 * They are accumulated in the order of the vectors, as the specification
 * does, so that the assembled values round exactly as in the reference. */
#include "csr_assembly.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Every row gets room for all contributions that could land in it before
 * duplicates are merged: vector i adds length[i] entries to each row it
 * touches. */
static void reserve_rows(struct csr_matrix *matrix, const struct sparse_vector_list *vectors)
{
	int *row_start = matrix->row_start;

	for (int row = 0; row <= matrix->order; row++)
		row_start[row] = 0;
	for (int i = 0; i < vectors->count; i++) {
		const int *index = &vectors->index[i * vectors->stride];
		for (int k = 0; k < vectors->length[i]; k++)
			row_start[index[k] + 1] += vectors->length[i];
	}
	for (int row = 0; row < matrix->order; row++)
		row_start[row + 1] += row_start[row];
}

static int count_reserved_entries(const struct sparse_vector_list *vectors)
{
	int total = 0;
	for (int i = 0; i < vectors->count; i++)
		total += vectors->length[i] * vectors->length[i];
	return total;
}

/* Adds contribution to entry (row, column), keeping the row's filled prefix
 * sorted by column. */
static void add_to_entry(struct csr_matrix *matrix, int *row_fill, int row, int column,
                         double contribution)
{
	int first = matrix->row_start[row];
	int end = first + row_fill[row];
	int k = first;

	while (k < end && matrix->column_index[k] < column)
		k++;
	if (k < end && matrix->column_index[k] == column) {
		matrix->value[k] += contribution;
		return;
	}
	if (end >= matrix->row_start[row + 1]) {
		fprintf(stderr, "cg: row %d overflowed its reserved space\n", row);
		exit(EXIT_FAILURE);
	}
	for (int move = end; move > k; move--) {
		matrix->column_index[move] = matrix->column_index[move - 1];
		matrix->value[move] = matrix->value[move - 1];
	}
	matrix->column_index[k] = column;
	matrix->value[k] = contribution;
	row_fill[row]++;
}

static void add_outer_product(struct csr_matrix *matrix, int *row_fill,
                              const struct sparse_vector_list *vectors, int i, double weight,
                              double rcond, double shift)
{
	const int *index = &vectors->index[i * vectors->stride];
	const double *value = &vectors->value[i * vectors->stride];
	int length = vectors->length[i];

	for (int a = 0; a < length; a++) {
		int row = index[a];
		double scale = weight * value[a];
		for (int b = 0; b < length; b++) {
			int column = index[b];
			double contribution = value[b] * scale;
			/* The shift rides on the term of vector i that lands on
			 * diagonal entry i, so it is added exactly once per row;
			 * (x + rcond) - shift is the order the reference rounds in. */
			if (row == i && column == i)
				contribution = contribution + rcond - shift;
			add_to_entry(matrix, row_fill, row, column, contribution);
		}
	}
}

/* Squeezes out the reserved space left unused by merged duplicates. */
static void compact_rows(struct csr_matrix *matrix, const int *row_fill)
{
	int destination = 0;

	for (int row = 0; row < matrix->order; row++) {
		int source = matrix->row_start[row];
		matrix->row_start[row] = destination;
		for (int k = 0; k < row_fill[row]; k++) {
			matrix->column_index[destination] = matrix->column_index[source + k];
			matrix->value[destination] = matrix->value[source + k];
			destination++;
		}
	}
	matrix->row_start[matrix->order] = destination;
}

void csr_assemble_outer_products(struct csr_matrix *matrix,
                                 const struct sparse_vector_list *vectors, double rcond,
                                 double shift)
{
	int order = vectors->count;
	double ratio = pow(rcond, 1.0 / order);
	double weight = 1.0;
	int *row_fill;

	csr_allocate(matrix, order, count_reserved_entries(vectors));
	reserve_rows(matrix, vectors);

	row_fill = calloc((size_t)order, sizeof(*row_fill));
	if (row_fill == NULL) {
		fprintf(stderr, "cg: out of memory assembling the matrix\n");
		exit(EXIT_FAILURE);
	}
	for (int i = 0; i < order; i++) {
		add_outer_product(matrix, row_fill, vectors, i, weight, rcond, shift);
		weight *= ratio;
	}
	compact_rows(matrix, row_fill);
	free(row_fill);
}
