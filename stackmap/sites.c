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
	       (kind == XMIG_TYPE_INTEGER || kind == XMIG_TYPE_FLOAT || kind == XMIG_TYPE_POINTER);
}

/* The deopt operands of a statepoint record, or NULL with the error set. */
static const struct xmig_location *deopt_operands(const struct xmig_stackmap_record *record,
                                                  const char *what, uint64_t *count,
                                                  struct xmig_error *error)
{
	const struct xmig_location *locations = record->locations;
	if (record->location_count < STATEPOINT_PREFIX_LOCATIONS + XMIG_SITE_PREFIX_OPERANDS ||
	    !is_constant(&locations[0]) || !is_constant(&locations[1]) ||
	    !is_constant(&locations[2])) {
		xmig_fail(error, "%s: stack-map record %#" PRIx64 " is not a statepoint", what,
		          record->id);
		return NULL;
	}
	*count = locations[2].constant;
	if (*count > record->location_count - STATEPOINT_PREFIX_LOCATIONS) {
		xmig_fail(error,
		          "%s: stack-map record %#" PRIx64 " claims %" PRIu64
		          " deopt operands, it has %u locations",
		          what, record->id, *count, record->location_count);
		return NULL;
	}
	return &locations[STATEPOINT_PREFIX_LOCATIONS];
}

/* The source frame at deopt[at]; how many operands it takes, or 0 with the
 * error set. */
static uint64_t decode_frame(const struct xmig_stackmap_record *record, const char *what,
                             const struct xmig_location *deopt, uint64_t at, uint64_t count,
                             struct xmig_source_frame *frame, struct xmig_site_value *values,
                             struct xmig_error *error)
{
	if (count - at < XMIG_SITE_PREFIX_OPERANDS || !is_constant(&deopt[at]) ||
	    !is_constant(&deopt[at + 1]) || !is_constant(&deopt[at + 2])) {
		xmig_fail(error,
		          "%s: site %#" PRIx64 ": a source frame's header, ID or signature is not "
		          "a constant",
		          what, record->id);
		return 0;
	}
	uint64_t header = deopt[at].constant;
	if (XMIG_SITE_HEADER_MAGIC(header) != XMIG_SITE_MAGIC ||
	    XMIG_SITE_HEADER_VERSION(header) != XMIG_SITE_VERSION) {
		xmig_fail(error,
		          "%s: stack-map record %#" PRIx64 " is not an xmig site "
		          "(header %#" PRIx64 ", expected magic %#x version %u); "
		          "was the program compiled with this xmig's migpoint.so?",
		          what, record->id, header, XMIG_SITE_MAGIC, XMIG_SITE_VERSION);
		return 0;
	}
	unsigned value_count = XMIG_SITE_HEADER_COUNT(header);
	uint64_t size = XMIG_SITE_PREFIX_OPERANDS + 2 * (uint64_t)value_count;
	if (size > count - at) {
		xmig_fail(error,
		          "%s: site %#" PRIx64 " declares %u values but has %" PRIu64
		          " deopt operands left",
		          what, record->id, value_count, count - at);
		return 0;
	}
	*frame = (struct xmig_source_frame){
	        .id = deopt[at + 1].constant,
	        .flags = XMIG_SITE_HEADER_FLAGS(header),
	        .frame_signature = deopt[at + 2].constant,
	        .data_stack_top = &deopt[at + 3],
	        .value_count = value_count,
	        .values = values,
	};
	for (unsigned i = 0; i < value_count; i++) {
		const struct xmig_location *tag = &deopt[at + XMIG_SITE_PREFIX_OPERANDS + 2 * i];
		if (!is_constant(tag) || !type_tag_is_valid(tag->constant)) {
			xmig_fail(error, "%s: site %#" PRIx64 " value %u has no valid type tag",
			          what, record->id, i);
			return 0;
		}
		values[i] = (struct xmig_site_value){(uint32_t)tag->constant, tag + 1};
	}
	return size;
}

static int decode_site(const struct xmig_stackmap_record *record, const char *what,
                       struct xmig_site *site, struct xmig_source_frame *frames,
                       struct xmig_site_value *values, struct xmig_error *error)
{
	uint64_t count;
	const struct xmig_location *deopt = deopt_operands(record, what, &count, error);
	if (!deopt)
		return -1;
	*site = (struct xmig_site){
	        .record = record,
	        .id = record->id,
	        .return_address = record->return_address,
	        .frames = frames,
	};
	for (uint64_t at = 0; at < count;) {
		if (site->frame_count == XMIG_SITE_MAX_FRAMES)
			return xmig_fail(error, "%s: site %#" PRIx64 " holds more than %u frames",
			                 what, record->id, XMIG_SITE_MAX_FRAMES);
		struct xmig_source_frame *frame = &frames[site->frame_count];
		uint64_t size = decode_frame(record, what, deopt, at, count, frame, values, error);
		if (size == 0)
			return -1;
		frame->site = site;
		frame->depth = site->frame_count++;
		site->flags |= frame->flags;
		site->value_count += frame->value_count;
		values += frame->value_count;
		at += size;
	}
	if (site->frame_count == 0)
		return xmig_fail(error, "%s: stack-map record %#" PRIx64 " holds no source frame",
		                 what, record->id);
	if (xmig_site_innermost(site)->id != record->id)
		return xmig_fail(error,
		                 "%s: stack-map record %#" PRIx64 " is not its innermost frame's "
		                 "site %#" PRIx64,
		                 what, record->id, xmig_site_innermost(site)->id);
	return 0;
}

int xmig_sites_decode(const struct xmig_stackmap *stackmap, const char *what,
                      struct xmig_site_table *table, struct xmig_error *error)
{
	memset(table, 0, sizeof *table);
	size_t location_total = 0;
	for (size_t i = 0; i < stackmap->record_count; i++)
		location_total += stackmap->records[i].location_count;

	/* A frame takes at least XMIG_SITE_PREFIX_OPERANDS locations and each
	 * value two, so these always suffice. */
	table->sites = calloc(stackmap->record_count + 1, sizeof *table->sites);
	table->all_frames =
	        calloc(location_total / XMIG_SITE_PREFIX_OPERANDS + 1, sizeof *table->all_frames);
	table->all_values = calloc(location_total / 2 + 1, sizeof *table->all_values);
	if (!table->sites || !table->all_frames || !table->all_values) {
		xmig_sites_free(table);
		return xmig_fail(error, "%s: out of memory decoding sites", what);
	}

	struct xmig_source_frame *next_frames = table->all_frames;
	struct xmig_site_value *next_values = table->all_values;
	for (size_t i = 0; i < stackmap->record_count; i++) {
		if (decode_site(&stackmap->records[i], what, &table->sites[i], next_frames,
		                next_values, error) != 0) {
			xmig_sites_free(table);
			return -1;
		}
		next_frames += table->sites[i].frame_count;
		next_values += table->sites[i].value_count;
		table->frame_count += table->sites[i].frame_count;
		table->count++;
	}
	return 0;
}

void xmig_sites_free(struct xmig_site_table *table)
{
	free(table->sites);
	free(table->all_frames);
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
	default:
		snprintf(lane, sizeof lane, "?%#x", type_tag);
	}
	if (lanes == 1)
		snprintf(buffer, size, "%s", lane);
	else
		snprintf(buffer, size, "<%u x %s>", lanes, lane);
	return buffer;
}
