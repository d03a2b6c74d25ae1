/* The matrix is a sum of weighted outer products of random sparse vectors
 * (see csr_assembly.c). The vectors, and so the matrix and the reference zeta,
 * are fixed by the exact sequence of numbers drawn here: two draws per
 * candidate entry, rejected candidates included, vectors in row order. */
#include "makea.h"

#include "cg_params.h"
#include "csr_assembly.h"
#include "npb_random.h"
#include "sparse_vector_list.h"

#include <stdbool.h>

/* The one random stream every vector draws from, in turn; file-wide like the
 * generator state of the NPB reference, so a draw is a plain call. */
static double random_state;

static double next_random(void)
{
	return randlc(&random_state, NPB_RANDOM_MULTIPLIER);
}

/* Positions are drawn as a fraction of a power of two, not of the order,
 * so that the scaled position is exact; draws that land past the order are
 * thrown away. */
static int power_of_two_above(int order)
{
	int power = 1;
	do {
		power *= 2;
	} while (power < order);
	return power;
}

static bool holds_index(const int indices[], int length, int index)
{
	for (int k = 0; k < length; k++) {
		if (indices[k] == index)
			return true;
	}
	return false;
}

/* Fills values/indices with CG_NONZER entries at distinct random positions
 * below order; returns how many entries it wrote. */
static int random_sparse_vector(int order, int position_range, double values[], int indices[])
{
	int length = 0;

	while (length < CG_NONZER) {
		/* The value is drawn before the position, even when the position
		 * is rejected afterwards. */
		double value = next_random();
		double position_fraction = next_random();
		int position = (int)(position_range * position_fraction);

		if (position >= order || holds_index(indices, length, position))
			continue;
		values[length] = value;
		indices[length] = position;
		length++;
	}
	return length;
}

/* Gives entry index the value, appending it when the vector lacks it;
 * returns the new length. */
static int set_vector_entry(double values[], int indices[], int length, int index, double value)
{
	bool found = false;

	for (int k = 0; k < length; k++) {
		if (indices[k] == index) {
			values[k] = value;
			found = true;
		}
	}
	if (found)
		return length;
	values[length] = value;
	indices[length] = index;
	return length + 1;
}

static void generate_vectors(struct sparse_vector_list *vectors, int order)
{
	int position_range = power_of_two_above(order);

	for (int row = 0; row < order; row++) {
		double values[CG_VECTOR_CAPACITY];
		int indices[CG_VECTOR_CAPACITY];
		int length = random_sparse_vector(order, position_range, values, indices);

		/* Vector i always holds entry i, so that row i of the sum has
		 * a diagonal entry to carry the shift. */
		length = set_vector_entry(values, indices, length, row, 0.5);

		vectors->length[row] = length;
		for (int k = 0; k < length; k++) {
			vectors->index[row * vectors->stride + k] = indices[k];
			vectors->value[row * vectors->stride + k] = values[k];
		}
	}
}

void makea(struct csr_matrix *matrix, int order, double *seed)
{
	struct sparse_vector_list vectors;

	random_state = *seed;
	sparse_vector_list_allocate(&vectors, order, CG_VECTOR_CAPACITY);
	generate_vectors(&vectors, order);
	csr_assemble_outer_products(matrix, &vectors, CG_RCOND, CG_SHIFT);
	sparse_vector_list_free(&vectors);
	*seed = random_state;
}
