#include "xmig/pairing.h"

#include <stdlib.h>

const char *xmig_pairing_outcome_name(enum xmig_pairing_outcome outcome)
{
	switch (outcome) {
	case XMIG_PAIRED:
		return "paired";
	case XMIG_ONLY_IN_FIRST:
		return "only in the first binary";
	case XMIG_ONLY_IN_SECOND:
		return "only in the second binary";
	case XMIG_VALUE_COUNT_DIFFERS:
		return "live value counts differ";
	case XMIG_VALUE_TYPES_DIFFER:
		return "live value types differ";
	case XMIG_FRAME_LAYOUT_DIFFERS:
		return "data-stack frame layouts differ";
	case XMIG_DUPLICATE_ID:
		return "ID not unique";
	}
	return "?";
}

static int compare_by_id(const void *left, const void *right)
{
	const struct xmig_site *a = *(const struct xmig_site *const *)left;
	const struct xmig_site *b = *(const struct xmig_site *const *)right;
	return a->id < b->id ? -1 : a->id > b->id;
}

static const struct xmig_site **sorted_by_id(const struct xmig_site_table *table)
{
	const struct xmig_site **sorted = calloc(table->count + 1, sizeof *sorted);
	if (!sorted)
		return NULL;
	for (size_t i = 0; i < table->count; i++)
		sorted[i] = &table->sites[i];
	qsort(sorted, table->count, sizeof *sorted, compare_by_id);
	return sorted;
}

static enum xmig_pairing_outcome compare_sites(const struct xmig_site *first,
                                               const struct xmig_site *second)
{
	if (first->value_count != second->value_count)
		return XMIG_VALUE_COUNT_DIFFERS;
	for (unsigned i = 0; i < first->value_count; i++)
		if (first->values[i].type_tag != second->values[i].type_tag)
			return XMIG_VALUE_TYPES_DIFFER;
	if (first->frame_signature != second->frame_signature)
		return XMIG_FRAME_LAYOUT_DIFFERS;
	return XMIG_PAIRED;
}

/* The number of sites from `at` on that share its ID. */
static size_t run_length(const struct xmig_site **sorted, size_t count, size_t at)
{
	size_t end = at;
	while (end < count && sorted[end]->id == sorted[at]->id)
		end++;
	return end - at;
}

long xmig_pair_sites(const struct xmig_site_table *first, const struct xmig_site_table *second,
                     void (*report)(enum xmig_pairing_outcome outcome,
                                    const struct xmig_site *first, const struct xmig_site *second,
                                    void *context),
                     void *context)
{
	const struct xmig_site **a = sorted_by_id(first);
	const struct xmig_site **b = sorted_by_id(second);
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}

	long paired = 0;
	size_t i = 0, j = 0;
	while (i < first->count || j < second->count) {
		if (j == second->count || (i < first->count && a[i]->id < b[j]->id)) {
			report(XMIG_ONLY_IN_FIRST, a[i], NULL, context);
			i += run_length(a, first->count, i);
		} else if (i == first->count || b[j]->id < a[i]->id) {
			report(XMIG_ONLY_IN_SECOND, NULL, b[j], context);
			j += run_length(b, second->count, j);
		} else {
			size_t copies_a = run_length(a, first->count, i);
			size_t copies_b = run_length(b, second->count, j);
			enum xmig_pairing_outcome outcome = copies_a == 1 && copies_b == 1
			                                            ? compare_sites(a[i], b[j])
			                                            : XMIG_DUPLICATE_ID;
			paired += outcome == XMIG_PAIRED;
			report(outcome, a[i], b[j], context);
			i += copies_a;
			j += copies_b;
		}
	}
	free(a);
	free(b);
	return paired;
}
