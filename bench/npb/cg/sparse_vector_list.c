#include "sparse_vector_list.h"

#include <stdio.h>
#include <stdlib.h>

void sparse_vector_list_allocate(struct sparse_vector_list *list, int count, int stride)
{
	size_t slots = (size_t)count * (size_t)stride;

	list->count = count;
	list->stride = stride;
	list->length = malloc((size_t)count * sizeof(*list->length));
	list->index = malloc(slots * sizeof(*list->index));
	list->value = malloc(slots * sizeof(*list->value));
	if (list->length == NULL || list->index == NULL || list->value == NULL) {
		fprintf(stderr, "cg: out of memory for %d sparse vectors\n", count);
		exit(EXIT_FAILURE);
	}
}

void sparse_vector_list_free(struct sparse_vector_list *list)
{
	free(list->length);
	free(list->index);
	free(list->value);
	list->length = NULL;
	list->index = NULL;
	list->value = NULL;
	list->count = 0;
}
