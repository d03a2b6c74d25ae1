/* What the transformer relies on in every machine frame at a site, checked
 * at build time in both binaries (docs/transform.md): the CFI covers the call,
 * bases the CFA on the frame pointer and saves the return address and the
 * caller's frame pointer in memory; the frame has the fixed, aligned size the
 * stack map records. A site that fails is reported, and its source frames go
 * into the unpaired table, so that no capture is ever taken there for the
 * other ISA. */
#ifndef XMIG_CHECK_FRAME_RULES_H
#define XMIG_CHECK_FRAME_RULES_H

#include "xmig/binary_sites.h"

#include <stdio.h>

/* Calls bad() for every site of the binary that fails, with the reason.
 * Returns the number of such sites, or -1 when the CFI cannot be read. */
long xmig_check_frame_rules(struct xmig_binary_sites *binary,
                            void (*bad)(const struct xmig_site *site, const char *reason,
                                        void *context),
                            void *context, FILE *errors);

#endif
