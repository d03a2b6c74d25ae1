/* Where every aligned section goes: one layout, computed from both ISAs'
 * inputs, from which both linker scripts are written. */
#ifndef XMIG_ALIGN_LAYOUT_H
#define XMIG_ALIGN_LAYOUT_H

#include "input_sections.h"
#include "standard_streams.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_placement {
	const char *name; /* borrowed from the inputs */
	enum xmig_section_kind kind;
	uint64_t address;
	uint64_t size;      /* the larger of the two */
	uint64_t sizes[2];  /* per ISA, in the order the inputs were given */
	uint64_t alignment; /* the larger of the two */
};

/* A section only one ISA has: it is linked wherever the linker puts it,
 * outside the aligned ranges. */
struct xmig_one_sided {
	const char *name;
	const char *origin;
	unsigned isa; /* 0 or 1, the order the inputs were given */
};

struct xmig_layout {
	size_t count;
	struct xmig_placement *placements; /* by kind, then address */
	uint64_t start[XMIG_KIND_COUNT];
	uint64_t end[XMIG_KIND_COUNT];
	/* The unpaired-site table sits between read-only and writable data. */
	uint64_t unpaired_address;
	uint64_t unpaired_capacity;
	uint64_t site_counts[2]; /* per ISA, in the order the inputs were given */
	/* libc's standard streams (standard_streams.h), when both C libraries
	 * were given: each ISA's section at its own address, so that stdout is
	 * at stdout_address in both. Between the unpaired-site table and the
	 * writable data, on pages of their own: not migrated. */
	int has_streams;
	struct xmig_standard_streams streams[2];
	uint64_t streams_address[2];
	uint64_t stdout_address;
	uint64_t streams_start, streams_end;
	uint64_t end_of_aligned; /* everything aligned lies below */
	size_t one_sided_count;
	struct xmig_one_sided *one_sided;
};

/* `streams` is NULL, or both ISAs' standard streams in input order. */
int xmig_compute_layout(const struct xmig_isa_inputs *first, const struct xmig_isa_inputs *second,
                        const struct xmig_standard_streams *streams, struct xmig_layout *layout,
                        struct xmig_error *error);
void xmig_layout_free(struct xmig_layout *layout);

#endif
