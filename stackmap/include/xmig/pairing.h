/* Pairing the sites of the x86_64 and the aarch64 binary of one program: a
 * site pairs when both binaries have its ID once, with the same number of
 * live values of the same types. Anything else is unpaired, with a reason;
 * the runtime never migrates while an unpaired site is on the stack. */
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
	XMIG_DUPLICATE_ID,
};

const char *xmig_pairing_outcome_name(enum xmig_pairing_outcome outcome);

/* Calls report() once for every site ID of either table, in ID order; `first`
 * or `second` is NULL where that table lacks the ID. Returns the number of
 * paired IDs, or -1 when out of memory. */
long xmig_pair_sites(const struct xmig_site_table *first, const struct xmig_site_table *second,
                     void (*report)(enum xmig_pairing_outcome outcome,
                                    const struct xmig_site *first, const struct xmig_site *second,
                                    void *context),
                     void *context);

#endif
