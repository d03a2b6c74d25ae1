/* Pairing the source sites of the x86_64 and the aarch64 binary of one
 * program. A source site pairs when every record of it in either binary
 * describes the same state (value count, types, frame signature), and the
 * other binary can resume it: it records the site too, or, where its
 * optimizer left no copy of that call, it records other sites of the same
 * function with the same frame signature, which covers every site of the
 * function and their types (the function was compiled the same way, and its
 * resume paths were built before any optimization). Anything else is
 * unpaired, with a reason; the runtime never migrates while an unpaired site
 * is on the stack. */
#ifndef XMIG_PAIRING_H
#define XMIG_PAIRING_H

#include "xmig/sites.h"

#include <stddef.h>

enum xmig_pairing_outcome {
	XMIG_PAIRED,
	XMIG_ONLY_IN_FIRST,
	XMIG_ONLY_IN_SECOND,
	XMIG_VALUE_COUNT_DIFFERS,
	XMIG_VALUE_TYPES_DIFFER,
	XMIG_FRAME_LAYOUT_DIFFERS,
	XMIG_SITES_DIFFER,
	XMIG_DUPLICATE_ID,
	XMIG_FRAME_UNREADABLE, /* xmig-check: the machine frame breaks a rule (frame_rules.h) */
};

const char *xmig_pairing_outcome_name(enum xmig_pairing_outcome outcome);

/* Calls report() once for every source site ID of either table, in ID
 * order, with one record of it from each table that has it (NULL where a
 * table lacks the ID). Returns the number of paired IDs, or -1 when out of
 * memory. */
long xmig_pair_sites(const struct xmig_site_table *first, const struct xmig_site_table *second,
                     void (*report)(enum xmig_pairing_outcome outcome,
                                    const struct xmig_source_frame *first,
                                    const struct xmig_source_frame *second, void *context),
                     void *context);

#endif
