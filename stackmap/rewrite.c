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

/* The destination site of each frame, checked against the source's. */
static int match_sites(const struct xmig_program *source, const struct xmig_program *destination,
                       const struct xmig_unwound_stack *unwound, int identity,
                       const struct xmig_site **sites, struct xmig_error *error)
{
	char where[160];
/* Named only when something is wrong: naming costs more than the work. */
#define WHERE describe(source, from, where, sizeof where)
	for (size_t i = 0; i < unwound->frame_count; i++) {
		const struct xmig_site *from = unwound->frames[i].site;
		const struct xmig_site *to = xmig_program_site_by_id(destination, from->id);
		if (!to)
			return xmig_fail(error, "frame %zu: %s: %s has no site %#llx", i, WHERE,
			                 destination->path, (unsigned long long)from->id);
		if (!identity && xmig_program_site_unpaired(destination, to->id))
			return xmig_fail(error, "frame %zu: %s: site %#llx is unpaired in %s", i,
			                 WHERE, (unsigned long long)from->id, destination->path);
		if (to->value_count != from->value_count)
			return xmig_fail(error, "frame %zu: %s: %u live values here, %u in %s", i,
			                 WHERE, from->value_count, to->value_count,
			                 destination->path);
		for (unsigned v = 0; v < to->value_count; v++)
			if (to->values[v].type_tag != from->values[v].type_tag)
				return xmig_fail(error,
				                 "frame %zu: %s: value %u has another type in %s",
				                 i, WHERE, v, destination->path);
		/* Aligned binaries start every instrumented function at the same
		 * address: anything else means they were not linked together. */
		if (to->record->function->address != from->record->function->address)
			return xmig_fail(error,
			                 "frame %zu: %s: the function starts at %#llx here and at "
			                 "%#llx in %s; the binaries were not aligned together",
			                 i, WHERE,
			                 (unsigned long long)from->record->function->address,
			                 (unsigned long long)to->record->function->address,
			                 destination->path);
		if (to->flags & XMIG_SITE_UNSAFE)
			return xmig_fail(error, "frame %zu: %s: the site is unsafe in %s", i, WHERE,
			                 destination->path);
		sites[i] = to;
	}
	return 0;
}
#undef WHERE

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
	case XMIG_LOCATION_INDIRECT:
	case XMIG_LOCATION_DIRECT: {
		uint64_t base;
		if (location->dwarf_register == isa->stack_pointer)
			base = frame->sp;
		else if (location->dwarf_register == isa->frame_pointer)
			base = frame->fp;
		else
			return xmig_fail(error, "a slot addressed from register %u",
			                 location->dwarf_register);
		/* A spill slot has its own width (a double's 16-byte xmm spill gets
		 * its upper half zero); a value's own slot is the type's size. */
		size_t bytes =
		        location->kind == XMIG_LOCATION_DIRECT ? value_bytes : location->size;
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
	for (unsigned v = 0; v < site->value_count; v++)
		if (write_value(isa, stack, frame, site->values[v].location, &values[v], pending,
		                pending_set, error) != 0)
			return xmig_fail(error, "value %u: %s", v, error->message);
	return 0;
}

int xmig_rewrite(const struct xmig_program *source, const struct xmig_program *destination,
                 const struct xmig_unwound_stack *unwound, uint64_t stack_top, int identity,
                 struct xmig_stack_memory *stack, struct xmig_registers *registers,
                 struct xmig_rewritten_frame *frames, struct xmig_error *error)
{
	const struct xmig_isa *isa = destination->isa;
	size_t count = unwound->frame_count;
	memset(stack, 0, sizeof *stack);
	if (count == 0)
		return xmig_fail(error, "no frames to rebuild");
	const struct xmig_site **sites = calloc(count, sizeof *sites);
	const struct xmig_cfi_row **rows = calloc(count, sizeof *rows);
	struct xmig_rewritten_frame *layout = calloc(count, sizeof *layout);
	struct pending_registers *pending = calloc(1, sizeof *pending);
	uint8_t pending_set[XMIG_CFI_MAX_REGISTERS] = {0};
	int status = -1;
	char where[160];
#define WHERE describe(destination, site, where, sizeof where)
	if (!sites || !rows || !layout || !pending) {
		xmig_fail(error, "out of memory rebuilding %zu frames", count);
		goto out;
	}
	if (match_sites(source, destination, unwound, identity, sites, error) != 0)
		goto out;

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
		if (write_frame(isa, row, frame, &unwound->values[unwound->frames[i].first_value],
		                return_to, caller_fp, stack, pending, pending_set, error) != 0) {
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
	if (frames)
		memcpy(frames, layout, count * sizeof *frames);
	status = 0;
out:
	if (status != 0)
		xmig_stack_memory_free(stack);
	free(sites);
	free((void *)rows);
	free(layout);
	free(pending);
	return status;
}
#undef WHERE
