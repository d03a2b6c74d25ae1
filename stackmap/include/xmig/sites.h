/* xmig's view of a stack-map record: a site, whose call returns to one
 * address of a machine frame, and the source frames it holds (format:
 * xmig/site_record.h): the frame's own function's, and one more for each
 * function the optimizer inlined there. */
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

struct xmig_site;

/* One source function's activation at a site: what a resumed frame of that
 * function needs on the other ISA. */
struct xmig_source_frame {
	const struct xmig_site *site; /* the record that holds it */
	unsigned depth;               /* 0: the machine frame's function; n: inlined n deep */
	uint64_t id;                  /* the source site */
	unsigned flags;               /* XMIG_SITE_* */
	uint64_t frame_signature;
	const struct xmig_location *data_stack_top;
	unsigned value_count;
	struct xmig_site_value *values;
};

struct xmig_site {
	const struct xmig_stackmap_record *record;
	uint64_t id; /* the record's ID: its innermost source frame's */
	uint64_t return_address;
	unsigned flags; /* every source frame's, or-ed */
	unsigned frame_count;
	struct xmig_source_frame *frames; /* outermost first */
	unsigned value_count;             /* all frames' */
};

struct xmig_site_table {
	size_t count;
	struct xmig_site *sites; /* in stack-map order */
	size_t frame_count;
	struct xmig_source_frame *all_frames;
	struct xmig_site_value *all_values;
};

/* The innermost source frame: the one whose call this is. */
static inline const struct xmig_source_frame *xmig_site_innermost(const struct xmig_site *site)
{
	return &site->frames[site->frame_count - 1];
}

/* Decodes every record of the stack map as an xmig site; a record that is not
 * one (wrong magic or version, malformed operands) is an error naming it. */
int xmig_sites_decode(const struct xmig_stackmap *stackmap, const char *what,
                      struct xmig_site_table *table, struct xmig_error *error);

void xmig_sites_free(struct xmig_site_table *table);

/* "i32", "double", "ptr", "<4 x float>" ... into buffer. */
const char *xmig_type_tag_name(uint32_t type_tag, char *buffer, size_t size);

#endif
