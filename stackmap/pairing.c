#include "xmig/pairing.h"

#include "xmig/site_record.h"

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
	case XMIG_SITES_DIFFER:
		return "the function's sites differ";
	case XMIG_DUPLICATE_ID:
		return "records of the site disagree";
	case XMIG_FRAME_UNREADABLE:
		return "its machine frame is not one the transformer reads";
	}
	return "?";
}

static int compare_frames(const void *left, const void *right)
{
	const struct xmig_source_frame *a = *(const struct xmig_source_frame *const *)left;
	const struct xmig_source_frame *b = *(const struct xmig_source_frame *const *)right;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int compare_signatures(const void *left, const void *right)
{
	uint64_t a = *(const uint64_t *)left, b = *(const uint64_t *)right;
	return a < b ? -1 : a > b;
}

struct sorted {
	size_t count;
	const struct xmig_source_frame **frames; /* by ID */
	uint64_t *signatures;                    /* ascending */
};

static int sort_table(const struct xmig_site_table *table, struct sorted *sorted)
{
	sorted->count = table->frame_count;
	sorted->frames = calloc(table->frame_count + 1, sizeof *sorted->frames);
	sorted->signatures = calloc(table->frame_count + 1, sizeof *sorted->signatures);
	if (!sorted->frames || !sorted->signatures)
		return -1;
	for (size_t i = 0; i < table->frame_count; i++) {
		sorted->frames[i] = &table->all_frames[i];
		sorted->signatures[i] = table->all_frames[i].frame_signature;
	}
	qsort(sorted->frames, sorted->count, sizeof *sorted->frames, compare_frames);
	qsort(sorted->signatures, sorted->count, sizeof *sorted->signatures, compare_signatures);
	return 0;
}

static int has_signature(const struct sorted *sorted, uint64_t signature)
{
	return bsearch(&signature, sorted->signatures, sorted->count, sizeof signature,
	               compare_signatures) != NULL;
}

static enum xmig_pairing_outcome compare_state(const struct xmig_source_frame *first,
                                               const struct xmig_source_frame *second)
{
	if (first->value_count != second->value_count)
		return XMIG_VALUE_COUNT_DIFFERS;
	for (unsigned i = 0; i < first->value_count; i++)
		if (first->values[i].type_tag != second->values[i].type_tag)
			return XMIG_VALUE_TYPES_DIFFER;
	if (XMIG_FRAME_SIGNATURE_LAYOUT(first->frame_signature) !=
	    XMIG_FRAME_SIGNATURE_LAYOUT(second->frame_signature))
		return XMIG_FRAME_LAYOUT_DIFFERS;
	if (first->frame_signature != second->frame_signature)
		return XMIG_SITES_DIFFER;
	return XMIG_PAIRED;
}

/* The number of frames from `at` on that share its ID; *agree says whether
 * they all describe the same state. */
static size_t run_length(const struct sorted *sorted, size_t at, int *agree)
{
	size_t end = at;
	*agree = 1;
	while (end < sorted->count && sorted->frames[end]->id == sorted->frames[at]->id) {
		if (compare_state(sorted->frames[at], sorted->frames[end]) != XMIG_PAIRED)
			*agree = 0;
		end++;
	}
	return end - at;
}

long xmig_pair_sites(const struct xmig_site_table *first, const struct xmig_site_table *second,
                     void (*report)(enum xmig_pairing_outcome outcome,
                                    const struct xmig_source_frame *first,
                                    const struct xmig_source_frame *second, void *context),
                     void *context)
{
	struct sorted a = {0}, b = {0};
	long paired = -1;
	if (sort_table(first, &a) != 0 || sort_table(second, &b) != 0)
		goto out;

	paired = 0;
	size_t i = 0, j = 0;
	while (i < a.count || j < b.count) {
		int in_a = i < a.count && (j == b.count || a.frames[i]->id <= b.frames[j]->id);
		int in_b = j < b.count && (i == a.count || b.frames[j]->id <= a.frames[i]->id);
		int agree_a = 1, agree_b = 1;
		size_t copies_a = in_a ? run_length(&a, i, &agree_a) : 0;
		size_t copies_b = in_b ? run_length(&b, j, &agree_b) : 0;
		const struct xmig_source_frame *from_a = in_a ? a.frames[i] : NULL;
		const struct xmig_source_frame *from_b = in_b ? b.frames[j] : NULL;
		enum xmig_pairing_outcome outcome;
		if (!agree_a || !agree_b)
			outcome = XMIG_DUPLICATE_ID;
		else if (in_a && in_b)
			outcome = compare_state(from_a, from_b);
		else if (in_a)
			outcome = has_signature(&b, from_a->frame_signature) ? XMIG_PAIRED
			                                                     : XMIG_ONLY_IN_FIRST;
		else
			outcome = has_signature(&a, from_b->frame_signature) ? XMIG_PAIRED
			                                                     : XMIG_ONLY_IN_SECOND;
		/* A function's resume paths are not a site: they only say the
		 * binary can resume the function's sites. */
		const struct xmig_source_frame *any = from_a ? from_a : from_b;
		if (!(any->flags & XMIG_SITE_RESUME_PATHS)) {
			paired += outcome == XMIG_PAIRED;
			report(outcome, from_a, from_b, context);
		}
		i += copies_a;
		j += copies_b;
	}
out:
	free(a.frames);
	free(a.signatures);
	free(b.frames);
	free(b.signatures);
	return paired;
}
