#include "xmig/sites.h"

#include "xmig/site_record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A statepoint record starts with three constants of its own: the calling
 * convention, the statepoint flags, and the number of deopt operands. */
#define STATEPOINT_PREFIX_LOCATIONS 3

static int is_constant(const struct xmig_location *location)
{
	return location->kind == XMIG_LOCATION_CONSTANT ||
	       location->kind == XMIG_LOCATION_CONSTANT_INDEX;
}

static int type_tag_is_valid(uint64_t tag)
{
	unsigned kind = XMIG_TYPE_TAG_KIND(tag);
	return tag <= 0xffffffffu && XMIG_TYPE_TAG_LANES(tag) >= 1 &&
	       XMIG_TYPE_TAG_LANE_BITS(tag) >= 1 &&
	       (kind == XMIG_TYPE_INTEGER || kind == XMIG_TYPE_FLOAT || kind == XMIG_TYPE_POINTER ||
	        kind == XMIG_TYPE_BYTES ||
	        (kind >= XMIG_TYPE_ARGUMENT && kind <= XMIG_TYPE_ARGUMENT_LAST));
}

static int decode_site(const struct xmig_stackmap_record *record, const char *what,
                       struct xmig_site *site, struct xmig_site_value *values,
                       struct xmig_error *error)
{
	const struct xmig_location *locations = record->locations;
	if (record->location_count < STATEPOINT_PREFIX_LOCATIONS + XMIG_SITE_PREFIX_OPERANDS ||
	    !is_constant(&locations[0]) || !is_constant(&locations[1]) ||
	    !is_constant(&locations[2]))
		return xmig_fail(error, "%s: stack-map record %#" PRIx64 " is not a statepoint",
		                 what, record->id);
	uint64_t deopt_count = locations[2].constant;
	if (deopt_count < XMIG_SITE_PREFIX_OPERANDS ||
	    deopt_count > record->location_count - STATEPOINT_PREFIX_LOCATIONS)
		return xmig_fail(error,
		                 "%s: stack-map record %#" PRIx64 " claims %" PRIu64
		                 " deopt operands, it has %u locations",
		                 what, record->id, deopt_count, record->location_count);

	const struct xmig_location *deopt = &locations[STATEPOINT_PREFIX_LOCATIONS];
	if (!is_constant(&deopt[0]) || !is_constant(&deopt[1]))
		return xmig_fail(
		        error, "%s: site %#" PRIx64 ": header or frame signature is not a constant",
		        what, record->id);
	uint64_t header = deopt[0].constant;
	if (XMIG_SITE_HEADER_MAGIC(header) != XMIG_SITE_MAGIC ||
	    XMIG_SITE_HEADER_VERSION(header) != XMIG_SITE_VERSION)
		return xmig_fail(error,
		                 "%s: stack-map record %#" PRIx64 " is not an xmig site "
		                 "(header %#" PRIx64 ", expected magic %#x version %u); "
		                 "was the program compiled with migpoint.so?",
		                 what, record->id, header, XMIG_SITE_MAGIC, XMIG_SITE_VERSION);
	unsigned value_count = XMIG_SITE_HEADER_COUNT(header);
	if ((uint64_t)XMIG_SITE_PREFIX_OPERANDS + 2 * (uint64_t)value_count != deopt_count)
		return xmig_fail(error,
		                 "%s: site %#" PRIx64 " declares %u values but has %" PRIu64
		                 " deopt operands",
		                 what, record->id, value_count, deopt_count);

	*site = (struct xmig_site){
	        .record = record,
	        .id = record->id,
	        .return_address = record->return_address,
	        .flags = XMIG_SITE_HEADER_FLAGS(header),
	        .frame_signature = deopt[1].constant,
	        .value_count = value_count,
	        .values = values,
	};
	for (unsigned i = 0; i < value_count; i++) {
		const struct xmig_location *tag = &deopt[XMIG_SITE_PREFIX_OPERANDS + 2 * i];
		if (!is_constant(tag) || !type_tag_is_valid(tag->constant))
			return xmig_fail(error,
			                 "%s: site %#" PRIx64 " value %u has no valid type tag",
			                 what, record->id, i);
		values[i] = (struct xmig_site_value){(uint32_t)tag->constant, tag + 1};
	}
	return 0;
}

int xmig_sites_decode(const struct xmig_stackmap *stackmap, const char *what,
                      struct xmig_site_table *table, struct xmig_error *error)
{
	memset(table, 0, sizeof *table);
	size_t location_total = 0;
	for (size_t i = 0; i < stackmap->record_count; i++)
		location_total += stackmap->records[i].location_count;

	/* Each value uses two locations, so this many values always suffice. */
	table->sites = calloc(stackmap->record_count + 1, sizeof *table->sites);
	table->all_values = calloc(location_total / 2 + 1, sizeof *table->all_values);
	if (!table->sites || !table->all_values) {
		xmig_sites_free(table);
		return xmig_fail(error, "%s: out of memory decoding sites", what);
	}

	struct xmig_site_value *next_values = table->all_values;
	for (size_t i = 0; i < stackmap->record_count; i++) {
		if (decode_site(&stackmap->records[i], what, &table->sites[i], next_values,
		                error) != 0) {
			xmig_sites_free(table);
			return -1;
		}
		next_values += table->sites[i].value_count;
		table->count++;
	}
	return 0;
}

void xmig_sites_free(struct xmig_site_table *table)
{
	free(table->sites);
	free(table->all_values);
	memset(table, 0, sizeof *table);
}

const char *xmig_type_tag_name(uint32_t type_tag, char *buffer, size_t size)
{
	unsigned lanes = XMIG_TYPE_TAG_LANES(type_tag), bits = XMIG_TYPE_TAG_LANE_BITS(type_tag);
	char lane[32];
	switch (XMIG_TYPE_TAG_KIND(type_tag)) {
	case XMIG_TYPE_INTEGER:
		snprintf(lane, sizeof lane, "i%u", bits);
		break;
	case XMIG_TYPE_FLOAT:
		snprintf(lane, sizeof lane, "%s",
		         bits == 64   ? "double"
		         : bits == 32 ? "float"
		         : bits == 16 ? "half"
		                      : "float?");
		break;
	case XMIG_TYPE_POINTER:
		snprintf(lane, sizeof lane, "ptr");
		break;
	case XMIG_TYPE_BYTES:
		snprintf(lane, sizeof lane, "[%u x i8]", bits / 8);
		break;
	default:
		if (XMIG_TYPE_TAG_KIND(type_tag) >= XMIG_TYPE_ARGUMENT &&
		    XMIG_TYPE_TAG_KIND(type_tag) <= XMIG_TYPE_ARGUMENT_LAST)
			snprintf(lane, sizeof lane, "struct%u[%u x i8]",
			         XMIG_TYPE_TAG_KIND(type_tag) - XMIG_TYPE_ARGUMENT, bits / 8);
		else
			snprintf(lane, sizeof lane, "?%#x", type_tag);
	}
	if (lanes == 1)
		snprintf(buffer, size, "%s", lane);
	else
		snprintf(buffer, size, "<%u x %s>", lanes, lane);
	return buffer;
}
