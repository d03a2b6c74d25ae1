/* libFuzzer target for the stack-map reader and the site decoder
 * (stackmap/stackmap_reader.c, sites.c): an input is a .llvm_stackmaps
 * section. The reader must refuse it with a message or accept it without
 * reading outside it (AddressSanitizer) or undefined behaviour (UBSan); what
 * it accepts must be whole: every pointer it hands out must be readable. */
#include "xmig/sites.h"
#include "xmig/stackmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static volatile uint64_t sink;

static void touch_stackmap(const struct xmig_stackmap *stackmap)
{
	for (size_t i = 0; i < stackmap->blob_count; i++) {
		const struct xmig_stackmap_blob *blob = &stackmap->blobs[i];
		for (uint32_t c = 0; c < blob->constant_count; c++)
			sink ^= blob->constants[c];
		if (blob->function_count)
			sink ^= stackmap->functions[blob->first_function + blob->function_count - 1]
			                .address;
		if (blob->record_count)
			sink ^= stackmap->records[blob->first_record + blob->record_count - 1].id;
	}
	for (size_t i = 0; i < stackmap->record_count; i++) {
		const struct xmig_stackmap_record *record = &stackmap->records[i];
		sink ^= record->function->stack_size ^ record->return_address;
		for (uint16_t l = 0; l < record->location_count; l++)
			sink ^= record->locations[l].constant ^
			        (uint64_t)record->locations[l].offset;
		for (uint16_t l = 0; l < record->live_out_count; l++)
			sink ^= record->live_outs[l].dwarf_register;
	}
}

static void touch_sites(const struct xmig_site_table *table)
{
	char name[64];
	for (size_t i = 0; i < table->count; i++) {
		const struct xmig_site *site = &table->sites[i];
		sink ^= site->record->id;
		for (unsigned f = 0; f < site->frame_count; f++) {
			const struct xmig_source_frame *frame = &site->frames[f];
			sink ^= frame->frame_signature ^ frame->data_stack_top->constant;
			for (unsigned v = 0; v < frame->value_count; v++) {
				sink ^= frame->values[v].location->constant;
				sink ^= strlen(xmig_type_tag_name(frame->values[v].type_tag, name,
				                                  sizeof name));
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xmig_stackmap stackmap;
	struct xmig_error error = {{0}};
	if (xmig_stackmap_parse(data, size, "fuzz", &stackmap, &error) != 0) {
		if (error.message[0] == '\0')
			abort(); /* a refusal must say why */
		return 0;
	}
	touch_stackmap(&stackmap);
	struct xmig_site_table sites;
	error.message[0] = '\0';
	if (xmig_sites_decode(&stackmap, "fuzz", &sites, &error) == 0) {
		touch_sites(&sites);
		xmig_sites_free(&sites);
	} else if (error.message[0] == '\0') {
		abort();
	}
	xmig_stackmap_free(&stackmap);
	return 0;
}
