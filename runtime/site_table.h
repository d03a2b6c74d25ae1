/* The sites of the running binary, read from its own stack maps in memory:
 * what the capture checks every frame's return address against. */
#ifndef XMIG_RUNTIME_SITE_TABLE_H
#define XMIG_RUNTIME_SITE_TABLE_H

#include <stdint.h>

struct xmig_runtime_site {
	uint64_t return_address;
	uint64_t id;
	uint32_t flags; /* XMIG_SITE_* */
	uint32_t unpaired;
};

/* Builds the table on first use; NULL (with a reason) when the stack maps are
 * missing or malformed, or memory for the table cannot be had. */
const char *xmig_site_table_prepare(void);

/* The site whose call returns to this address, or NULL. */
const struct xmig_runtime_site *xmig_site_at(uint64_t return_address);

/* Whether xmig-check has written the unpaired-site table into this binary. */
int xmig_unpaired_table_checked(void);

#endif
