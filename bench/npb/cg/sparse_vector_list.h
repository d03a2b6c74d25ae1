/* The random sparse vectors the CG matrix is built from: vector i has
 * length[i] entries, stored at index/value[i * stride ...]. */
#ifndef SPARSE_VECTOR_LIST_H
#define SPARSE_VECTOR_LIST_H

struct sparse_vector_list {
	int count;
	int stride; /* most entries a vector can hold */
	int *length;
	int *index;
	double *value;
};

void sparse_vector_list_allocate(struct sparse_vector_list *list, int count, int stride);
void sparse_vector_list_free(struct sparse_vector_list *list);

#endif
