#include "xmig/transform.h"

#include "xmig/core_registers.h"
#include "xmig/image_reader.h"
#include "xmig/image_rebuild.h"
#include "xmig/resume_frame.h"
#include "xmig/site_record.h"
#include "xmig/sites.h"
#include "xmig/stack_memory.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *location_name(const struct xmig_isa *isa, const struct xmig_location *location,
                                 char *buffer, size_t size)
{
	const char *reg = xmig_isa_register_name(isa, location->dwarf_register);
	switch (location->kind) {
	case XMIG_LOCATION_REGISTER:
		snprintf(buffer, size, "%s", reg ? reg : "?");
		break;
	case XMIG_LOCATION_INDIRECT:
		snprintf(buffer, size, "[%s%+d]", reg ? reg : "?", location->offset);
		break;
	case XMIG_LOCATION_DIRECT:
		snprintf(buffer, size, "%s%+d", reg ? reg : "?", location->offset);
		break;
	default:
		snprintf(buffer, size, "constant");
		break;
	}
	return buffer;
}

static void print_values(FILE *trace, const struct xmig_isa *isa,
                         const struct xmig_source_frame *frame,
                         const struct xmig_live_value *values)
{
	char type[32], from[48];
	uint64_t top;
	memcpy(&top, values[0].bytes, sizeof top);
	fprintf(trace, "    source site %#" PRIx64 ", data-stack top %#" PRIx64 " (%s)\n",
	        frame->id, top, location_name(isa, frame->data_stack_top, from, sizeof from));
	for (unsigned v = 0; v < frame->value_count; v++) {
		uint64_t low;
		memcpy(&low, values[1 + v].bytes, sizeof low);
		fprintf(trace, "    value %u %s %#" PRIx64 ": %s\n", v,
		        xmig_type_tag_name(values[1 + v].type_tag, type, sizeof type), low,
		        location_name(isa, frame->values[v].location, from, sizeof from));
	}
}

static void print_trace(FILE *trace, const struct xmig_program *source,
                        const struct xmig_program *destination,
                        const struct xmig_unwound_stack *unwound,
                        const struct xmig_rewritten_stack *rewritten)
{
	char where[160];
	for (size_t i = 0; i < unwound->frame_count; i++) {
		const struct xmig_unwound_frame *frame = &unwound->frames[i];
		const struct xmig_site *site = frame->site;
		fprintf(trace, "frame %zu: %s, site %#" PRIx64 ", %u source frames\n", i,
		        xmig_program_describe(source, site->return_address, where, sizeof where),
		        site->id, site->frame_count);
		fprintf(trace,
		        "  %-8s cfa %#" PRIx64 " sp %#" PRIx64 " fp %#" PRIx64 " returns to %s\n",
		        source->isa->name, frame->cfa, frame->sp, frame->fp,
		        xmig_program_describe(source, site->return_address, where, sizeof where));
		const struct xmig_live_value *values = &unwound->values[frame->first_value];
		for (unsigned f = 0; f < site->frame_count; f++) {
			print_values(trace, source->isa, &site->frames[f], values);
			values += 1 + site->frames[f].value_count;
		}
	}
	for (size_t i = 0; i < rewritten->count; i++) {
		const struct xmig_rewritten_frame *frame = &rewritten->frames[i];
		fprintf(trace, "%s frame %zu: %s, %u source frames\n", destination->isa->name, i,
		        xmig_program_describe(destination, frame->site->return_address, where,
		                              sizeof where),
		        frame->site->frame_count);
		fprintf(trace,
		        "  %-8s cfa %#" PRIx64 " sp %#" PRIx64 " fp %#" PRIx64 " returns to %s\n",
		        destination->isa->name, frame->cfa, frame->sp, frame->fp,
		        xmig_program_describe(destination, frame->site->return_address, where,
		                              sizeof where));
	}
}

/* The records the destination's runtime hands its functions as they re-enter
 * their source frames (xmig/resume_frame.h), outermost first. */
static uint8_t *frame_records(const struct xmig_program *source,
                              const struct xmig_program *destination,
                              const struct xmig_unwound_stack *unwound, size_t *size, size_t *count)
{
	*count = 0;
	size_t values = 0;
	for (size_t i = 0; i < unwound->frame_count; i++) {
		*count += unwound->frames[i].site->frame_count;
		values += unwound->frames[i].site->value_count;
	}
	*size = *count * sizeof(struct xmig_resume_frame) + values * XMIG_RESUME_VALUE_STRIDE;
	uint8_t *records = calloc(1, *size ? *size : 1);
	if (!records)
		return NULL;
	uint8_t *cursor = records;
	for (size_t i = unwound->frame_count; i-- > 0;) {
		const struct xmig_unwound_frame *frame = &unwound->frames[i];
		const struct xmig_site *site = frame->site;
		const struct xmig_live_value *value = &unwound->values[frame->first_value];
		for (unsigned f = 0; f < site->frame_count; f++) {
			const struct xmig_source_frame *source_frame = &site->frames[f];
			/* The function the call enters, for one the destination makes
			 * through a pointer: the next machine frame's, or, where the
			 * source inlined it, wherever that function's own frames are.
			 * Aligned binaries: a function's address is the same on both. */
			uint64_t callee = 0;
			if (f + 1 < site->frame_count)
				callee = xmig_program_function_of(source, site->frames[f + 1].id);
			else if (i > 0)
				callee = unwound->frames[i - 1].site->record->function->address;
			uint64_t top;
			memcpy(&top, value->bytes, sizeof top);
			value++;
			struct xmig_resume_frame header = {
			        .site_id = source_frame->id,
			        .callee = callee,
			        .value_count = source_frame->value_count,
			        .data_stack_top = top,
			};
			memcpy(cursor, &header, sizeof header);
			cursor += sizeof header;
			for (unsigned v = 0; v < source_frame->value_count; v++, value++) {
				_Static_assert(sizeof value->bytes <= XMIG_RESUME_VALUE_STRIDE,
				               "a value fits its record entry");
				memcpy(cursor, value->bytes, sizeof value->bytes);
				if (value->type_tag == XMIG_TYPE_TAG(XMIG_TYPE_POINTER, 1, 64)) {
					uint64_t pointer;
					memcpy(&pointer, value->bytes, sizeof pointer);
					pointer = xmig_program_translate_pointer(
					        source, destination, pointer);
					memcpy(cursor, &pointer, sizeof pointer);
				}
				cursor += XMIG_RESUME_VALUE_STRIDE;
			}
		}
	}
	return records;
}

/* A native stack with no frame in it, and registers a restore accepts: the
 * top of the stack, and the return address of the innermost frame's site
 * where the destination has it (any of its sites otherwise). */
static int empty_native_stack(const struct xmig_program *destination,
                              const struct xmig_unwound_stack *unwound, uint64_t stack_top,
                              struct xmig_stack_memory *stack, struct xmig_registers *registers,
                              struct xmig_error *error)
{
	if (destination->binary.sites.count == 0)
		return xmig_fail(error, "%s has no sites", destination->path);
	const struct xmig_site *innermost = unwound->frames[0].site;
	const struct xmig_site *const *sites;
	uint64_t pc = destination->binary.sites.sites[0].return_address;
	if (xmig_program_sites_from(destination, xmig_site_innermost(innermost)->id, &sites) > 0)
		pc = sites[0]->return_address;
	memset(registers, 0, sizeof *registers);
	registers->pc = pc;
	registers->sp = stack_top - 16;
	return xmig_stack_memory_create(registers->sp, stack_top, stack, error);
}

static int check_image_source(const struct xmig_image *image, const struct xmig_program *source,
                              const struct xmig_program *destination, int identity,
                              struct xmig_error *error)
{
	if (image->elf_machine != source->isa->elf_machine)
		return xmig_fail(error, "the image holds %s state, and %s is a %s binary",
		                 image->isa, source->path, source->isa->name);
	if (image->build_id_size != source->build_id_size ||
	    memcmp(image->build_id, source->build_id, source->build_id_size) != 0)
		return xmig_fail(error,
		                 "the image was captured by another binary (%s), not %s: build-ids "
		                 "differ",
		                 image->binary_path, source->path);
	if (identity)
		return 0;
	if (source->isa == destination->isa)
		return xmig_fail(error,
		                 "%s and %s are two different %s binaries; transform between the "
		                 "two ISAs' binaries of one program",
		                 source->path, destination->path, source->isa->name);
	if (image->state.flags & XMIG_IMAGE_SAME_ISA_ONLY)
		return xmig_fail(error,
		                 "the image is a checkpoint for this ISA only, taken where the "
		                 "other ISA could not resume (xmig-run --checkpoint without "
		                 "--portable, or XMIG_SAME_ISA_ONLY); only %s can restore it",
		                 source->path);
	return 0;
}

int xmig_transform(const uint8_t *bytes, size_t size, const struct xmig_program *source,
                   const struct xmig_program *destination, FILE *trace,
                   struct xmig_transform_result *result, struct xmig_error *error)
{
	memset(result, 0, sizeof *result);
	result->descriptor = -1;
	struct xmig_image image;
	char message[256];
	if (xmig_image_parse(bytes, size, &image, message, sizeof message) != 0)
		return xmig_fail(error, "%s", message);
	int identity = source->build_id_size == destination->build_id_size &&
	               memcmp(source->build_id, destination->build_id, source->build_id_size) == 0;
	if (check_image_source(&image, source, destination, identity, error) != 0)
		return -1;
	const struct xmig_core_layout *layout =
	        xmig_core_layout_for_machine(destination->isa->elf_machine);
	if (!layout)
		return xmig_fail(error, "no core layout for %s", destination->isa->name);

	struct xmig_stack_memory old_stack = {0}, new_stack = {0};
	struct xmig_unwound_stack unwound = {0};
	struct xmig_rewritten_stack rewritten = {0};
	uint8_t *records = NULL;
	struct xmig_registers registers;
	int status = -1;
	if (xmig_stack_memory_from_image(&image, &old_stack, error) != 0)
		goto out;
	if (xmig_unwind(source, &image.registers, &old_stack, identity, &unwound, error) != 0) {
		xmig_fail(error, "unwinding %s's stack: %s", source->isa->name, error->message);
		goto out;
	}
	if (xmig_site_innermost(unwound.frames[0].site)->id != image.state.site_id) {
		xmig_fail(error,
		          "the image says it was captured at site %#llx, and its stack is at %#llx",
		          (unsigned long long)image.state.site_id,
		          (unsigned long long)xmig_site_innermost(unwound.frames[0].site)->id);
		goto out;
	}
	if (unwound.frame_count != image.state.frame_count) {
		xmig_fail(error, "the image says %llu frames, and its stack holds %zu",
		          (unsigned long long)image.state.frame_count, unwound.frame_count);
		goto out;
	}
	int rewrote = xmig_rewrite(source, destination, &unwound, old_stack.high, identity,
	                           &new_stack, &registers, &rewritten, error);
	if (rewrote == XMIG_REWRITE_NO_VIEW) {
		/* The destination rebuilds its frames from the records anyway;
		 * the image only lacks what debuggers would show. */
		if (trace)
			fprintf(trace, "no native stack for debuggers: %s\n", error->message);
		if (empty_native_stack(destination, &unwound, old_stack.high, &new_stack,
		                       &registers, error) != 0)
			goto out;
	} else if (rewrote != 0) {
		xmig_fail(error, "rebuilding the stack for %s: %s", destination->isa->name,
		          error->message);
		goto out;
	}
	if (trace)
		print_trace(trace, source, destination, &unwound, &rewritten);
	size_t records_size, record_count;
	records = frame_records(source, destination, &unwound, &records_size, &record_count);
	if (!records) {
		xmig_fail(error, "out of memory");
		goto out;
	}
	struct xmig_image_rebuild rebuild = {
	        .source = &image,
	        .layout = layout,
	        .registers = &registers,
	        .build_id = destination->build_id,
	        .build_id_size = destination->build_id_size,
	        .binary_path = destination->path,
	        .native_stack = &new_stack,
	        .frames = records,
	        .frames_size = records_size,
	};
	struct xmig_image_memory rebuilt;
	if (xmig_image_rebuild(&rebuild, &rebuilt, error) != 0)
		goto out;
	result->image = rebuilt.bytes;
	result->size = rebuilt.size;
	result->descriptor = rebuilt.descriptor;
	result->frame_count = unwound.frame_count;
	status = 0;
out:
	free(records);
	xmig_rewritten_stack_free(&rewritten);
	xmig_unwound_stack_free(&unwound);
	xmig_stack_memory_free(&old_stack);
	xmig_stack_memory_free(&new_stack);
	return status;
}

void xmig_transform_result_free(struct xmig_transform_result *result)
{
	/* A result never filled in (zero-initialised) holds nothing. */
	if (result->image) {
		struct xmig_image_memory memory = {result->image, result->size, result->descriptor};
		xmig_image_memory_put(&memory);
	}
	memset(result, 0, sizeof *result);
	result->descriptor = -1;
}
