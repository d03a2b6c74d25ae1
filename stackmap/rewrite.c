#include "xmig/rewrite.h"

#include "xmig/layout.h"
#include "xmig/site_record.h"

#include <stdlib.h>
#include <string.h>

/* Values bound for callee-saved registers, waiting for the next inner frame
 * that saves the register (its save slot is where the caller's value lives
 * while it runs) or, past the innermost frame, for the final register set. */
struct pending_registers {
	uint64_t value[XMIG_CFI_MAX_REGISTERS];
};

static const char *describe(const struct xmig_program *program, const struct xmig_site *site,
                            char *buffer, size_t size)
{
	return xmig_program_describe(program, site->return_address, buffer, size);
}

/* The source frames of the unwound stack, outermost first, each with its
 * values (the data-stack top first). */
struct flat_frame {
	const struct xmig_source_frame *frame;
	const struct xmig_live_value *values;
	const struct xmig_site *machine; /* the source's machine frame holding it */
};

static struct flat_frame *flatten(const struct xmig_unwound_stack *unwound, size_t *count)
{
	size_t total = 0;
	for (size_t i = 0; i < unwound->frame_count; i++)
		total += unwound->frames[i].site->frame_count;
	struct flat_frame *flat = calloc(total + 1, sizeof *flat);
	if (!flat)
		return NULL;
	size_t at = 0;
	for (size_t i = unwound->frame_count; i-- > 0;) {
		const struct xmig_unwound_frame *frame = &unwound->frames[i];
		const struct xmig_live_value *values = &unwound->values[frame->first_value];
		for (unsigned f = 0; f < frame->site->frame_count; f++) {
			flat[at++] =
			        (struct flat_frame){&frame->site->frames[f], values, frame->site};
			values += 1 + frame->site->frames[f].value_count;
		}
	}
	*count = total;
	return flat;
}

/* Whether the destination site holds exactly the source frames from `at`. */
static int covers(const struct xmig_site *site, const struct flat_frame *flat, size_t at,
                  size_t count)
{
	if (site->frame_count > count - at)
		return 0;
	for (unsigned f = 0; f < site->frame_count; f++) {
		const struct xmig_source_frame *to = &site->frames[f], *from = flat[at + f].frame;
		if (to->id != from->id || to->value_count != from->value_count)
			return 0;
		for (unsigned v = 0; v < to->value_count; v++)
			if (to->values[v].type_tag != from->values[v].type_tag)
				return 0;
	}
	return 1;
}

/* The destination's machine frames for the source frames, outermost first:
 * from each position the site that holds the most of them, ending at a
 * migration point. */
static int cover_frames(const struct xmig_program *source, const struct xmig_program *destination,
                        const struct flat_frame *flat, size_t count, int identity,
                        const struct xmig_site **sites, size_t *site_count,
                        struct xmig_error *error)
{
	char where[160];
	*site_count = 0;
	for (size_t at = 0; at < count;) {
		const struct flat_frame *from = &flat[at];
		if (!identity && xmig_program_site_unpaired(destination, from->frame->id))
			return xmig_fail(error, "frame of %s: site %#llx is unpaired in %s",
			                 xmig_program_describe(source,
			                                       from->machine->return_address, where,
			                                       sizeof where),
			                 (unsigned long long)from->frame->id, destination->path);
		const struct xmig_site *const *candidates;
		size_t candidate_count =
		        xmig_program_sites_from(destination, from->frame->id, &candidates);
		const struct xmig_site *best = NULL;
		for (size_t c = 0; c < candidate_count; c++) {
			const struct xmig_site *site = candidates[c];
			int last = at + site->frame_count == count;
			if (!covers(site, flat, at, count) ||
			    (last &&
			     !(xmig_site_innermost(site)->flags & XMIG_SITE_MIGRATION_POINT)))
				continue;
			/* The same machine frame as the source's, where there is one
			 * (the identity); otherwise the one that holds the most. */
			if (from->frame->depth == 0 && site == from->machine) {
				best = site;
				break;
			}
			if (!best || site->frame_count > best->frame_count)
				best = site;
		}
		if (!best) {
			xmig_fail(
			        error,
			        "%s has no machine frame for source site %#llx (a frame of %s) and "
			        "the frames inside it",
			        destination->path, (unsigned long long)from->frame->id,
			        xmig_program_describe(source, from->machine->return_address, where,
			                              sizeof where));
			return XMIG_REWRITE_NO_VIEW;
		}
		/* Aligned binaries start every instrumented function at the same
		 * address: anything else means they were not linked together. */
		if (from->frame->depth == 0 &&
		    best->record->function->address != from->machine->record->function->address)
			return xmig_fail(
			        error,
			        "%s: the function starts at %#llx here and at %#llx in %s; "
			        "the binaries were not aligned together",
			        xmig_program_describe(source, from->machine->return_address, where,
			                              sizeof where),
			        (unsigned long long)from->machine->record->function->address,
			        (unsigned long long)best->record->function->address,
			        destination->path);
		if (best->flags & XMIG_SITE_UNSAFE & (identity ? ~XMIG_SITE_PER_ISA_LOCAL : ~0u))
			return xmig_fail(error, "site %#llx is unsafe in %s",
			                 (unsigned long long)best->id, destination->path);
		sites[(*site_count)++] = best;
		at += best->frame_count;
	}
	return 0;
}

/* Where the frame's CFI puts the caller's copy of `reg`: CFA + offset. */
static int save_slot(const struct xmig_cfi_row *row, unsigned reg, int64_t *offset)
{
	if (row->rules[reg].kind != XMIG_CFI_OFFSET)
		return 0;
	*offset = row->rules[reg].offset;
	return 1;
}

static int write_value(const struct xmig_isa *isa, struct xmig_stack_memory *stack,
                       const struct xmig_rewritten_frame *frame,
                       const struct xmig_location *location, const struct xmig_live_value *value,
                       struct pending_registers *pending, uint8_t *pending_set,
                       struct xmig_error *error)
{
	size_t value_bytes = xmig_type_tag_bytes(value->type_tag);
	switch (location->kind) {
	case XMIG_LOCATION_CONSTANT:
	case XMIG_LOCATION_CONSTANT_INDEX:
	case XMIG_LOCATION_DIRECT:
		return 0; /* the destination's code knows it */
	case XMIG_LOCATION_REGISTER:
		if (xmig_isa_preserved_index(isa, location->dwarf_register) < 0)
			return xmig_fail(error,
			                 "a value in register %u, which a call does not preserve",
			                 location->dwarf_register);
		if (value_bytes > sizeof(uint64_t))
			return xmig_fail(error, "a %zu-byte value in a callee-saved register",
			                 value_bytes);
		memcpy(&pending->value[location->dwarf_register], value->bytes, sizeof(uint64_t));
		pending_set[location->dwarf_register] = 1;
		return 0;
	case XMIG_LOCATION_INDIRECT: {
		uint64_t base;
		if (location->dwarf_register == isa->stack_pointer)
			base = frame->sp;
		else if (location->dwarf_register == isa->frame_pointer)
			base = frame->fp;
		else
			return xmig_fail(error, "a slot addressed from register %u",
			                 location->dwarf_register);
		/* A spill slot has its own width (a double's 16-byte xmm spill gets
		 * its upper half zero). */
		size_t bytes = location->size;
		if (bytes > XMIG_LIVE_VALUE_MAX_BYTES)
			return xmig_fail(error, "a %zu-byte slot", bytes);
		return xmig_stack_write(stack, base + (uint64_t)(int64_t)location->offset,
		                        value->bytes, bytes, error);
	}
	default:
		return xmig_fail(error, "a location of unknown kind %d", (int)location->kind);
	}
}

static int write_frame(const struct xmig_isa *isa, const struct xmig_cfi_row *row,
                       const struct xmig_rewritten_frame *frame,
                       const struct xmig_live_value *values, uint64_t return_to, uint64_t caller_fp,
                       struct xmig_stack_memory *stack, struct pending_registers *pending,
                       uint8_t *pending_set, struct xmig_error *error)
{
	int64_t return_slot, frame_pointer_slot, offset;
	if (!save_slot(row, row->return_address_register, &return_slot) ||
	    !save_slot(row, isa->frame_pointer, &frame_pointer_slot))
		return xmig_fail(error, "the CFI keeps no frame record");
	if (xmig_stack_write(stack, frame->cfa + (uint64_t)return_slot, &return_to,
	                     sizeof return_to, error) != 0 ||
	    xmig_stack_write(stack, frame->cfa + (uint64_t)frame_pointer_slot, &caller_fp,
	                     sizeof caller_fp, error) != 0)
		return -1;
	for (unsigned reg = 0; reg < XMIG_CFI_MAX_REGISTERS; reg++) {
		if (reg == isa->frame_pointer || reg == row->return_address_register ||
		    !save_slot(row, reg, &offset))
			continue;
		if (xmig_isa_preserved_index(isa, reg) < 0)
			return xmig_fail(
			        error, "the CFI saves register %u, which a call does not preserve",
			        reg);
		uint64_t value = pending_set[reg] ? pending->value[reg] : 0;
		if (xmig_stack_write(stack, frame->cfa + (uint64_t)offset, &value, sizeof value,
		                     error) != 0)
			return -1;
		pending_set[reg] = 0;
	}
	const struct xmig_site *site = frame->site;
	for (unsigned f = 0; f < site->frame_count; f++) {
		const struct xmig_source_frame *source = &site->frames[f];
		if (write_value(isa, stack, frame, source->data_stack_top, values++, pending,
		                pending_set, error) != 0)
			return xmig_fail(error, "data-stack top: %s", error->message);
		for (unsigned v = 0; v < source->value_count; v++)
			if (write_value(isa, stack, frame, source->values[v].location, values++,
			                pending, pending_set, error) != 0)
				return xmig_fail(error, "value %u: %s", v, error->message);
	}
	return 0;
}

/* The values of the machine frame at sites[i], gathered from the source
 * frames it covers (the data-stack top first in each). */
static struct xmig_live_value *gather_values(const struct flat_frame *flat,
                                             const struct xmig_site **sites, size_t count)
{
	size_t total = 0;
	for (size_t i = 0; i < count; i++)
		total += xmig_site_unwound_values(sites[i]);
	struct xmig_live_value *values = calloc(total + 1, sizeof *values);
	if (!values)
		return NULL;
	struct xmig_live_value *next = values;
	for (size_t i = 0, at = 0; i < count; i++)
		for (unsigned f = 0; f < sites[i]->frame_count; f++, at++) {
			size_t n = 1 + flat[at].frame->value_count;
			memcpy(next, flat[at].values, n * sizeof *next);
			next += n;
		}
	return values;
}

int xmig_rewrite(const struct xmig_program *source, const struct xmig_program *destination,
                 const struct xmig_unwound_stack *unwound, uint64_t stack_top, int identity,
                 struct xmig_stack_memory *stack, struct xmig_registers *registers,
                 struct xmig_rewritten_stack *frames, struct xmig_error *error)
{
	const struct xmig_isa *isa = destination->isa;
	memset(stack, 0, sizeof *stack);
	memset(frames, 0, sizeof *frames);
	if (unwound->frame_count == 0)
		return xmig_fail(error, "no frames to rebuild");
	size_t flat_count = 0, count = 0;
	struct flat_frame *flat = flatten(unwound, &flat_count);
	/* Outermost first while covering; innermost first once laid out. */
	const struct xmig_site **outer_first = calloc(flat_count + 1, sizeof *outer_first);
	const struct xmig_site **sites = calloc(flat_count + 1, sizeof *sites);
	const struct xmig_cfi_row **rows = calloc(flat_count + 1, sizeof *rows);
	struct xmig_rewritten_frame *layout = calloc(flat_count + 1, sizeof *layout);
	size_t *first_value = calloc(flat_count + 1, sizeof *first_value);
	struct pending_registers *pending = calloc(1, sizeof *pending);
	struct xmig_live_value *values = NULL;
	uint8_t pending_set[XMIG_CFI_MAX_REGISTERS] = {0};
	int status = -1;
	char where[160];
#define WHERE describe(destination, site, where, sizeof where)
	if (!flat || !outer_first || !sites || !rows || !layout || !first_value || !pending) {
		xmig_fail(error, "out of memory rebuilding %zu frames", flat_count);
		goto out;
	}
	int covered = cover_frames(source, destination, flat, flat_count, identity, outer_first,
	                           &count, error);
	if (covered != 0) {
		status = covered;
		goto out;
	}
	values = gather_values(flat, outer_first, count);
	if (!values) {
		xmig_fail(error, "out of memory rebuilding %zu frames", count);
		goto out;
	}
	for (size_t i = 0, next = 0; i < count; i++) {
		sites[count - 1 - i] = outer_first[i];
		first_value[count - 1 - i] = next;
		next += xmig_site_unwound_values(outer_first[i]);
	}

	/* First the layout, outermost first: each frame's CFA is the stack
	 * pointer of its caller at the call. */
	const uint64_t stack_low = XMIG_NATIVE_STACK_BASE + XMIG_GUARD_SIZE;
	if (stack_top <= stack_low || stack_top > XMIG_NATIVE_STACK_BASE + XMIG_NATIVE_STACK_SIZE) {
		xmig_fail(error, "the native stack's top %#llx is not in its range",
		          (unsigned long long)stack_top);
		goto out;
	}
	uint64_t cfa = stack_top;
	for (size_t i = count; i-- > 0;) {
		const struct xmig_site *site = sites[i];
		if (xmig_program_frame_row(destination, site, &rows[i], error) != 0) {
			xmig_fail(error, "frame %zu: %s: %s", i, WHERE, error->message);
			goto out;
		}
		const struct xmig_cfi_row *row = rows[i];
		if (row->cfa_register != isa->frame_pointer) {
			xmig_fail(error, "frame %zu: %s: the CFA is not based on the frame pointer",
			          i, WHERE);
			goto out;
		}
		uint64_t frame_size = site->record->function->stack_size + isa->call_pushes;
		if (frame_size > cfa - stack_low) {
			xmig_fail(error,
			          "frame %zu: %s: the stack outgrows the native stack's range", i,
			          WHERE);
			goto out;
		}
		layout[i] = (struct xmig_rewritten_frame){
		        .site = site,
		        .cfa = cfa,
		        .sp = cfa - frame_size,
		        .fp = cfa - (uint64_t)row->cfa_offset,
		};
		if (layout[i].sp % isa->stack_alignment != 0 || layout[i].fp < layout[i].sp ||
		    layout[i].fp >= cfa) {
			xmig_fail(error, "frame %zu: %s: an impossible frame (CFA %#llx, SP %#llx)",
			          i, WHERE, (unsigned long long)cfa,
			          (unsigned long long)layout[i].sp);
			goto out;
		}
		cfa = layout[i].sp;
	}
	if (xmig_stack_memory_create(layout[0].sp, stack_top, stack, error) != 0)
		goto out;

	/* Then the contents, outermost first too: an inner frame's save slots
	 * take the values its callers keep in callee-saved registers. */
	uint64_t return_to = destination->main_return;
	uint64_t caller_fp = 0;
	for (size_t i = count; i-- > 0;) {
		const struct xmig_site *site = sites[i];
		const struct xmig_cfi_row *row = rows[i];
		const struct xmig_rewritten_frame *frame = &layout[i];
		if (write_frame(isa, row, frame, &values[first_value[i]], return_to, caller_fp,
		                stack, pending, pending_set, error) != 0) {
			xmig_fail(error, "frame %zu: %s: %s", i, WHERE, error->message);
			goto out;
		}
		return_to = site->return_address;
		caller_fp = frame->fp;
	}

	memset(registers, 0, sizeof *registers);
	registers->pc = layout[0].site->return_address;
	registers->sp = layout[0].sp;
	registers->fp = layout[0].fp;
	for (unsigned i = 0; i < isa->callee_saved_count; i++)
		registers->callee_saved[i] = pending_set[isa->callee_saved[i]]
		                                     ? pending->value[isa->callee_saved[i]]
		                                     : 0;
	for (unsigned i = 0; i < isa->fp_callee_saved_count; i++)
		registers->fp_callee_saved[i] = pending_set[isa->fp_callee_saved[i]]
		                                        ? pending->value[isa->fp_callee_saved[i]]
		                                        : 0;
	frames->count = count;
	frames->frames = layout;
	layout = NULL;
	status = 0;
out:
	if (status != 0)
		xmig_stack_memory_free(stack);
	free(flat);
	free(outer_first);
	free(sites);
	free((void *)rows);
	free(layout);
	free(first_value);
	free(values);
	free(pending);
	return status;
}
#undef WHERE

void xmig_rewritten_stack_free(struct xmig_rewritten_stack *frames)
{
	free(frames->frames);
	memset(frames, 0, sizeof *frames);
}
