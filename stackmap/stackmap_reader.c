#include "xmig/stackmap.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define STACKMAP_VERSION     3
#define HEADER_SIZE          16
#define FUNCTION_SIZE        24
#define CONSTANT_SIZE        8
#define RECORD_HEADER_SIZE   16
#define LOCATION_SIZE        12
#define LIVE_OUT_HEADER_SIZE 4
#define LIVE_OUT_SIZE        4

struct cursor {
	const uint8_t *data;
	size_t size;
	size_t offset;
	const char *what;
	struct xmig_error *error;
};

/* The section is little-endian on both ISAs; reading byte by byte keeps the
 * reader independent of the host's alignment rules. */
static uint64_t load_le(const uint8_t *bytes, unsigned width)
{
	uint64_t value = 0;
	for (unsigned i = 0; i < width; i++)
		value |= (uint64_t)bytes[i] << (8 * i);
	return value;
}

static int need(struct cursor *cursor, size_t bytes, const char *field)
{
	if (cursor->size - cursor->offset >= bytes)
		return 0;
	return xmig_fail(
	        cursor->error,
	        "%s: .llvm_stackmaps truncated: %s at offset %zu needs %zu bytes, %zu left",
	        cursor->what, field, cursor->offset, bytes, cursor->size - cursor->offset);
}

static uint64_t take(struct cursor *cursor, unsigned width)
{
	uint64_t value = load_le(cursor->data + cursor->offset, width);
	cursor->offset += width;
	return value;
}

static int align_to_8(struct cursor *cursor, const char *field)
{
	size_t padding = (8 - cursor->offset % 8) % 8;
	if (need(cursor, padding, field) != 0)
		return -1;
	cursor->offset += padding;
	return 0;
}

static int remaining_is_zero(const struct cursor *cursor)
{
	for (size_t i = cursor->offset; i < cursor->size; i++)
		if (cursor->data[i] != 0)
			return 0;
	return 1;
}

struct totals {
	size_t blobs, functions, constants, records, locations, live_outs;
};

/* One walk over the section. With stackmap == NULL it only validates and
 * counts (so that allocations are sized from checked counts, never from
 * unchecked ones); otherwise it also fills the arrays sized by that count. */
static int walk(struct cursor *cursor, struct totals *totals, struct xmig_stackmap *stackmap)
{
	memset(totals, 0, sizeof *totals);
	while (cursor->offset < cursor->size && !remaining_is_zero(cursor)) {
		size_t blob_start = cursor->offset;
		if (need(cursor, HEADER_SIZE, "header") != 0)
			return -1;
		unsigned version = (unsigned)take(cursor, 1);
		if (version != STACKMAP_VERSION)
			return xmig_fail(cursor->error,
			                 "%s: .llvm_stackmaps blob %zu at offset %zu has version "
			                 "%u, expected %u",
			                 cursor->what, totals->blobs, blob_start, version,
			                 STACKMAP_VERSION);
		take(cursor, 3);
		uint32_t function_count = (uint32_t)take(cursor, 4);
		uint32_t constant_count = (uint32_t)take(cursor, 4);
		uint32_t record_count = (uint32_t)take(cursor, 4);
		if (need(cursor, (size_t)function_count * FUNCTION_SIZE, "function table") != 0 ||
		    need(cursor,
		         (size_t)function_count * FUNCTION_SIZE +
		                 (size_t)constant_count * CONSTANT_SIZE,
		         "constant pool") != 0 ||
		    need(cursor,
		         (size_t)function_count * FUNCTION_SIZE +
		                 (size_t)constant_count * CONSTANT_SIZE +
		                 (size_t)record_count * RECORD_HEADER_SIZE,
		         "records") != 0)
			return -1;

		struct xmig_stackmap_blob *blob = NULL;
		if (stackmap) {
			blob = &stackmap->blobs[totals->blobs];
			*blob = (struct xmig_stackmap_blob){
			        .function_count = function_count,
			        .constant_count = constant_count,
			        .record_count = record_count,
			        .constants = stackmap->all_constants + totals->constants,
			        .first_function = totals->functions,
			        .first_record = totals->records,
			};
		}

		uint64_t records_claimed = 0;
		for (uint32_t i = 0; i < function_count; i++) {
			size_t address_offset = cursor->offset;
			uint64_t address = take(cursor, 8);
			uint64_t stack_size = take(cursor, 8);
			uint64_t count = take(cursor, 8);
			if (count > record_count - records_claimed)
				return xmig_fail(cursor->error,
				                 "%s: .llvm_stackmaps blob %zu: function %" PRIu32
				                 " claims %" PRIu64 " records, only %" PRIu64
				                 " remain of %" PRIu32,
				                 cursor->what, totals->blobs, i, count,
				                 record_count - records_claimed, record_count);
			records_claimed += count;
			if (stackmap)
				stackmap->functions[totals->functions + i] =
				        (struct xmig_stackmap_function){
				                .address = address,
				                .address_offset = address_offset,
				                .stack_size = stack_size,
				                .record_count = count,
				                .blob = (unsigned)totals->blobs,
				        };
		}
		if (records_claimed != record_count)
			return xmig_fail(cursor->error,
			                 "%s: .llvm_stackmaps blob %zu: functions claim %" PRIu64
			                 " records, the blob has %" PRIu32,
			                 cursor->what, totals->blobs, records_claimed,
			                 record_count);
		for (uint32_t i = 0; i < constant_count; i++) {
			uint64_t constant = take(cursor, 8);
			if (stackmap)
				stackmap->all_constants[totals->constants + i] = constant;
		}

		/* Records follow their functions' order; the counts were checked
		 * to add up, so this never runs past the function table. */
		size_t function_index = 0;
		uint64_t left_in_function = 0;
		for (uint32_t r = 0; r < record_count; r++) {
			if (stackmap) {
				while (left_in_function == 0)
					left_in_function = stackmap->functions[totals->functions +
					                                       function_index++]
					                           .record_count;
				left_in_function--;
			}

			if (need(cursor, RECORD_HEADER_SIZE, "record header") != 0)
				return -1;
			uint64_t id = take(cursor, 8);
			uint32_t instruction_offset = (uint32_t)take(cursor, 4);
			take(cursor, 2);
			uint16_t location_count = (uint16_t)take(cursor, 2);
			if (need(cursor, (size_t)location_count * LOCATION_SIZE, "locations") != 0)
				return -1;

			struct xmig_stackmap_record *record = NULL;
			if (stackmap) {
				const struct xmig_stackmap_function *function =
				        &stackmap->functions[totals->functions + function_index -
				                             1];
				record = &stackmap->records[totals->records + r];
				*record = (struct xmig_stackmap_record){
				        .id = id,
				        .instruction_offset = instruction_offset,
				        .function = function,
				        .return_address = function->address + instruction_offset,
				        .location_count = location_count,
				        .locations = stackmap->all_locations + totals->locations,
				};
			}
			for (uint16_t l = 0; l < location_count; l++) {
				unsigned kind = (unsigned)take(cursor, 1);
				take(cursor, 1);
				uint16_t size = (uint16_t)take(cursor, 2);
				uint16_t dwarf_register = (uint16_t)take(cursor, 2);
				take(cursor, 2);
				int32_t offset = (int32_t)(uint32_t)take(cursor, 4);
				if (kind < XMIG_LOCATION_REGISTER ||
				    kind > XMIG_LOCATION_CONSTANT_INDEX)
					return xmig_fail(cursor->error,
					                 "%s: .llvm_stackmaps record %" PRIu64
					                 " location %u has unknown kind %u",
					                 cursor->what, id, l + 1, kind);
				if (kind == XMIG_LOCATION_CONSTANT_INDEX &&
				    (uint32_t)offset >= constant_count)
					return xmig_fail(cursor->error,
					                 "%s: .llvm_stackmaps record %" PRIu64
					                 " location %u names constant %" PRIu32
					                 ", the pool has %" PRIu32,
					                 cursor->what, id, l + 1, (uint32_t)offset,
					                 constant_count);
				if (stackmap) {
					struct xmig_location *location =
					        &stackmap->all_locations[totals->locations + l];
					*location = (struct xmig_location){
					        .kind = (enum xmig_location_kind)kind,
					        .size = size,
					        .dwarf_register = dwarf_register,
					        .offset = offset,
					};
					if (kind == XMIG_LOCATION_CONSTANT)
						location->constant = (uint64_t)(int64_t)offset;
					if (kind == XMIG_LOCATION_CONSTANT_INDEX) {
						location->constant_index = (uint32_t)offset;
						location->constant = blob->constants[offset];
					}
				}
			}
			totals->locations += location_count;

			if (align_to_8(cursor, "record padding") != 0 ||
			    need(cursor, LIVE_OUT_HEADER_SIZE, "live-out count") != 0)
				return -1;
			take(cursor, 2);
			uint16_t live_out_count = (uint16_t)take(cursor, 2);
			if (need(cursor, (size_t)live_out_count * LIVE_OUT_SIZE, "live-outs") != 0)
				return -1;
			if (record) {
				record->live_out_count = live_out_count;
				record->live_outs = stackmap->all_live_outs + totals->live_outs;
			}
			for (uint16_t o = 0; o < live_out_count; o++) {
				uint16_t dwarf_register = (uint16_t)take(cursor, 2);
				take(cursor, 1);
				uint8_t size = (uint8_t)take(cursor, 1);
				if (record)
					record->live_outs[o] =
					        (struct xmig_live_out){dwarf_register, size};
			}
			totals->live_outs += live_out_count;
			if (align_to_8(cursor, "record end padding") != 0)
				return -1;
		}

		totals->functions += function_count;
		totals->constants += constant_count;
		totals->records += record_count;
		totals->blobs++;
	}
	return 0;
}

int xmig_stackmap_parse(const uint8_t *data, size_t size, const char *what,
                        struct xmig_stackmap *stackmap, struct xmig_error *error)
{
	memset(stackmap, 0, sizeof *stackmap);
	struct cursor cursor = {data, size, 0, what, error};
	struct totals totals;
	if (walk(&cursor, &totals, NULL) != 0)
		return -1;

	/* +1: calloc(0) may return NULL, which would read as a failure. */
	stackmap->blobs = calloc(totals.blobs + 1, sizeof *stackmap->blobs);
	stackmap->functions = calloc(totals.functions + 1, sizeof *stackmap->functions);
	stackmap->records = calloc(totals.records + 1, sizeof *stackmap->records);
	stackmap->all_locations = calloc(totals.locations + 1, sizeof *stackmap->all_locations);
	stackmap->all_live_outs = calloc(totals.live_outs + 1, sizeof *stackmap->all_live_outs);
	stackmap->all_constants = calloc(totals.constants + 1, sizeof *stackmap->all_constants);
	if (!stackmap->blobs || !stackmap->functions || !stackmap->records ||
	    !stackmap->all_locations || !stackmap->all_live_outs || !stackmap->all_constants) {
		xmig_stackmap_free(stackmap);
		return xmig_fail(error, "%s: out of memory reading .llvm_stackmaps", what);
	}

	cursor.offset = 0;
	if (walk(&cursor, &totals, stackmap) != 0) {
		xmig_stackmap_free(stackmap);
		return -1;
	}
	stackmap->blob_count = totals.blobs;
	stackmap->function_count = totals.functions;
	stackmap->record_count = totals.records;
	return 0;
}

void xmig_stackmap_free(struct xmig_stackmap *stackmap)
{
	free(stackmap->blobs);
	free(stackmap->functions);
	free(stackmap->records);
	free(stackmap->all_locations);
	free(stackmap->all_live_outs);
	free(stackmap->all_constants);
	memset(stackmap, 0, sizeof *stackmap);
}
