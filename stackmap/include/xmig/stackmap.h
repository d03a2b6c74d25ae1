/* A reader for LLVM's stack-map section (.llvm_stackmaps, format version 3).
 *
 * A linked binary's section is the concatenation of one blob per translation
 * unit, each 8-byte aligned; llvm-readobj decodes only the first, this reader
 * all of them. Every count, index and offset is checked against the section's
 * size before it is used: a truncated or corrupted section is an error, never
 * an out-of-bounds read. */
#ifndef XMIG_STACKMAP_H
#define XMIG_STACKMAP_H

#include "xmig/error.h"

#include <stddef.h>
#include <stdint.h>

enum xmig_location_kind {
	XMIG_LOCATION_REGISTER = 1, /* the value is in register dwarf_register */
	XMIG_LOCATION_DIRECT = 2,   /* the value is dwarf_register + offset */
	XMIG_LOCATION_INDIRECT = 3, /* the value is in memory at dwarf_register + offset */
	XMIG_LOCATION_CONSTANT = 4, /* the value is constant */
	XMIG_LOCATION_CONSTANT_INDEX = 5,
};

struct xmig_location {
	enum xmig_location_kind kind;
	uint16_t size;
	uint16_t dwarf_register;
	int32_t offset;
	/* CONSTANT: the value; CONSTANT_INDEX: the pool entry's value. */
	uint64_t constant;
	uint32_t constant_index; /* CONSTANT_INDEX only, within its blob */
};

struct xmig_live_out {
	uint16_t dwarf_register;
	uint8_t size;
};

struct xmig_stackmap_function {
	uint64_t address;
	/* Where the address sits in the section: in a relocatable object the
	 * address is 0 and a relocation at this offset names the function. */
	size_t address_offset;
	uint64_t stack_size;
	uint64_t record_count;
	unsigned blob;
};

struct xmig_stackmap_record {
	uint64_t id;
	uint32_t instruction_offset;
	const struct xmig_stackmap_function *function;
	uint64_t return_address; /* function address + instruction offset */
	uint16_t location_count;
	struct xmig_location *locations;
	uint16_t live_out_count;
	struct xmig_live_out *live_outs;
};

struct xmig_stackmap_blob {
	uint32_t function_count;
	uint32_t constant_count;
	uint32_t record_count;
	const uint64_t *constants; /* points into the parsed copy */
	size_t first_function;     /* index into xmig_stackmap.functions */
	size_t first_record;       /* index into xmig_stackmap.records */
};

struct xmig_stackmap {
	size_t blob_count;
	struct xmig_stackmap_blob *blobs;
	size_t function_count;
	struct xmig_stackmap_function *functions;
	size_t record_count;
	struct xmig_stackmap_record *records;
	/* Storage behind the pointers above. */
	struct xmig_location *all_locations;
	struct xmig_live_out *all_live_outs;
	uint64_t *all_constants;
};

/* Parses every blob of a .llvm_stackmaps section. `what` names the section's
 * file in error messages. Returns 0, or -1 with the error filled in. */
int xmig_stackmap_parse(const uint8_t *data, size_t size, const char *what,
                        struct xmig_stackmap *stackmap, struct xmig_error *error);

void xmig_stackmap_free(struct xmig_stackmap *stackmap);

#endif
