/* xmig's view of a stack-map record: a site with its ID, flags, frame
 * signature and typed live values (format: xmig/site_record.h). */
#ifndef XMIG_SITES_H
#define XMIG_SITES_H

#include "xmig/error.h"
#include "xmig/stackmap.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_site_value {
	uint32_t type_tag; /* XMIG_TYPE_TAG(kind, lanes, lane_bits) */
	const struct xmig_location *location;
};

struct xmig_site {
	const struct xmig_stackmap_record *record;
	uint64_t id;
	uint64_t return_address;
	unsigned flags; /* XMIG_SITE_* */
	uint64_t frame_signature;
	unsigned value_count;
	struct xmig_site_value *values;
};

struct xmig_site_table {
	size_t count;
	struct xmig_site *sites; /* in stack-map order */
	struct xmig_site_value *all_values;
};

/* Decodes every record of the stack map as an xmig site; a record that is not
 * one (wrong magic or version, malformed operands) is an error naming it. */
int xmig_sites_decode(const struct xmig_stackmap *stackmap, const char *what,
                      struct xmig_site_table *table, struct xmig_error *error);

void xmig_sites_free(struct xmig_site_table *table);

/* "i32", "double", "ptr", "<4 x float>" ... into buffer. */
const char *xmig_type_tag_name(uint32_t type_tag, char *buffer, size_t size);

#endif
