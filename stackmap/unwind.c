#include "xmig/unwind.h"

#include "xmig/site_record.h"

#include <stdlib.h>
#include <string.h>

/* The registers of the frame being unwound, by DWARF number. */
struct register_state {
	uint64_t value[XMIG_CFI_MAX_REGISTERS];
	uint8_t known[XMIG_CFI_MAX_REGISTERS];
};

static void set_register(struct register_state *state, unsigned reg, uint64_t value)
{
	state->value[reg] = value;
	state->known[reg] = 1;
}

static void initial_state(const struct xmig_isa *isa, const struct xmig_registers *registers,
                          struct register_state *state)
{
	memset(state, 0, sizeof *state);
	set_register(state, isa->stack_pointer, registers->sp);
	set_register(state, isa->frame_pointer, registers->fp);
	for (unsigned i = 0; i < isa->callee_saved_count; i++)
		set_register(state, isa->callee_saved[i], registers->callee_saved[i]);
	for (unsigned i = 0; i < isa->fp_callee_saved_count; i++)
		set_register(state, isa->fp_callee_saved[i], registers->fp_callee_saved[i]);
}

static int grow(struct xmig_unwound_stack *unwound, size_t values, struct xmig_error *error)
{
	if (unwound->frame_count == unwound->frame_capacity) {
		size_t capacity = unwound->frame_capacity ? 2 * unwound->frame_capacity : 64;
		void *frames = realloc(unwound->frames, capacity * sizeof *unwound->frames);
		if (!frames)
			return xmig_fail(error, "out of memory unwinding");
		unwound->frames = frames;
		unwound->frame_capacity = capacity;
	}
	if (unwound->value_count + values > unwound->value_capacity) {
		size_t capacity = unwound->value_capacity ? 2 * unwound->value_capacity : 256;
		while (capacity < unwound->value_count + values)
			capacity *= 2;
		void *grown = realloc(unwound->values, capacity * sizeof *unwound->values);
		if (!grown)
			return xmig_fail(error, "out of memory unwinding");
		unwound->values = grown;
		unwound->value_capacity = capacity;
	}
	return 0;
}

void xmig_unwound_stack_free(struct xmig_unwound_stack *unwound)
{
	free(unwound->frames);
	free(unwound->values);
	memset(unwound, 0, sizeof *unwound);
}

static int read_value(const struct xmig_program *program, const struct register_state *state,
                      const struct xmig_stack_memory *stack,
                      const struct xmig_site_value *site_value, struct xmig_live_value *value,
                      struct xmig_error *error)
{
	const struct xmig_location *location = site_value->location;
	const struct xmig_isa *isa = program->isa;
	memset(value, 0, sizeof *value);
	value->type_tag = site_value->type_tag;
	if (xmig_type_tag_bytes(site_value->type_tag) == 0)
		return xmig_fail(error, "a value of unsupported type tag %#x",
		                 site_value->type_tag);
	switch (location->kind) {
	case XMIG_LOCATION_CONSTANT:
	case XMIG_LOCATION_CONSTANT_INDEX:
		memcpy(value->bytes, &location->constant, sizeof location->constant);
		break;
	case XMIG_LOCATION_REGISTER:
		/* At a return address only what the callee preserved is live. */
		if (xmig_isa_preserved_index(isa, location->dwarf_register) < 0 ||
		    !state->known[location->dwarf_register])
			return xmig_fail(
			        error, "a value in register %s, which a call does not preserve",
			        xmig_isa_register_name(isa, location->dwarf_register)
			                ? xmig_isa_register_name(isa, location->dwarf_register)
			                : "?");
		memcpy(value->bytes, &state->value[location->dwarf_register], sizeof(uint64_t));
		break;
	case XMIG_LOCATION_DIRECT: {
		/* The value is an address in this frame. */
		if (location->dwarf_register != isa->stack_pointer &&
		    location->dwarf_register != isa->frame_pointer)
			return xmig_fail(error, "an address based on register %u",
			                 location->dwarf_register);
		uint64_t address =
		        state->value[location->dwarf_register] + (int64_t)location->offset;
		memcpy(value->bytes, &address, sizeof address);
		break;
	}
	case XMIG_LOCATION_INDIRECT: {
		/* A spill slot in this frame, addressed from SP or FP. */
		if (location->dwarf_register != isa->stack_pointer &&
		    location->dwarf_register != isa->frame_pointer)
			return xmig_fail(error, "a slot addressed from register %u",
			                 location->dwarf_register);
		size_t bytes = location->size;
		if (bytes > sizeof value->bytes)
			return xmig_fail(error, "a %zu-byte slot", bytes);
		if (xmig_stack_read(stack,
		                    state->value[location->dwarf_register] +
		                            (int64_t)location->offset,
		                    value->bytes, bytes, error) != 0)
			return -1;
		break;
	}
	default:
		return xmig_fail(error, "a location of unknown kind %d", (int)location->kind);
	}
	xmig_live_value_normalize(value);
	return 0;
}

/* The caller's registers, from the frame's CFI row. */
static int step_registers(const struct xmig_cfi_row *row, uint64_t cfa,
                          const struct xmig_stack_memory *stack,
                          const struct register_state *callee, struct register_state *caller,
                          struct xmig_error *error)
{
	*caller = *callee;
	for (unsigned reg = 0; reg < XMIG_CFI_MAX_REGISTERS; reg++) {
		const struct xmig_cfi_rule *rule = &row->rules[reg];
		switch (rule->kind) {
		case XMIG_CFI_SAME_VALUE:
			break;
		case XMIG_CFI_UNDEFINED:
			caller->known[reg] = 0;
			break;
		case XMIG_CFI_OFFSET: {
			uint64_t saved;
			if (xmig_stack_read(stack, cfa + (uint64_t)rule->offset, &saved,
			                    sizeof saved, error) != 0)
				return -1;
			set_register(caller, reg, saved);
			break;
		}
		case XMIG_CFI_VAL_OFFSET:
			set_register(caller, reg, cfa + (uint64_t)rule->offset);
			break;
		case XMIG_CFI_REGISTER:
			if (rule->reg >= XMIG_CFI_MAX_REGISTERS || !callee->known[rule->reg])
				return xmig_fail(
				        error, "the CFI saves register %u in an unknown one", reg);
			set_register(caller, reg, callee->value[rule->reg]);
			break;
		case XMIG_CFI_EXPRESSION:
			return xmig_fail(
			        error, "the CFI describes register %u by a DWARF expression", reg);
		}
	}
	return 0;
}

int xmig_unwind(const struct xmig_program *program, const struct xmig_registers *registers,
                const struct xmig_stack_memory *stack, int allow_unpaired,
                struct xmig_unwound_stack *unwound, struct xmig_error *error)
{
	const struct xmig_isa *isa = program->isa;
	struct register_state state, caller;
	initial_state(isa, registers, &state);
	memset(unwound, 0, sizeof *unwound);
	uint64_t pc = registers->pc;
	char where[160];
/* Named only when something is wrong: naming costs more than unwinding. */
#define WHERE xmig_program_describe(program, pc, where, sizeof where)
	/* Each frame is at least a frame record: a bound on any honest stack. */
	size_t frame_limit = (size_t)((stack->high - stack->low) / 16) + 1;

	for (;;) {
		size_t index = unwound->frame_count;
		if (index >= frame_limit)
			return xmig_fail(error,
			                 "frame %zu: the stack has more frames than it can hold",
			                 index);
		const struct xmig_site *site = xmig_program_site_at(program, pc);
		if (!site)
			return xmig_fail(error, "frame %zu: %s is not a site of %s", index, WHERE,
			                 program->path);
		if (index == 0 && !(xmig_site_innermost(site)->flags & XMIG_SITE_MIGRATION_POINT))
			return xmig_fail(error, "frame 0: %s is not a migration point", WHERE);
		/* The same binary restores a per-ISA local as it was. */
		unsigned unsafe = site->flags & XMIG_SITE_UNSAFE;
		if (allow_unpaired)
			unsafe &= ~XMIG_SITE_PER_ISA_LOCAL;
		if (unsafe)
			return xmig_fail(error, "frame %zu: %s is a site marked unsafe (flags %#x)",
			                 index, WHERE, unsafe);
		for (unsigned f = 0; f < site->frame_count && !allow_unpaired; f++)
			if (xmig_program_site_unpaired(program, site->frames[f].id))
				return xmig_fail(
				        error,
				        "frame %zu: %s holds a site the other ISA cannot resume "
				        "(site %#llx); the image can only be restored by the "
				        "binary that wrote it",
				        index, WHERE, (unsigned long long)site->frames[f].id);

		const struct xmig_cfi_row *row;
		if (xmig_program_frame_row(program, site, &row, error) != 0)
			return xmig_fail(error, "frame %zu: %s: %s", index, WHERE, error->message);
		if (row->cfa_register >= XMIG_CFI_MAX_REGISTERS || !state.known[row->cfa_register])
			return xmig_fail(error,
			                 "frame %zu: %s: the CFA is based on an unknown register",
			                 index, WHERE);
		uint64_t cfa = state.value[row->cfa_register] + (uint64_t)row->cfa_offset;
		uint64_t sp = state.value[isa->stack_pointer];
		uint64_t frame_size = site->record->function->stack_size + isa->call_pushes;
		if (cfa < sp || cfa - sp != frame_size)
			return xmig_fail(
			        error,
			        "frame %zu: %s: its frame is %lld bytes by the CFI and %llu "
			        "by the stack map; the image does not belong to this binary",
			        index, WHERE, (long long)(cfa - sp),
			        (unsigned long long)frame_size);

		size_t frame_values = xmig_site_unwound_values(site);
		if (grow(unwound, frame_values, error) != 0)
			return -1;
		struct xmig_unwound_frame *frame = &unwound->frames[index];
		*frame = (struct xmig_unwound_frame){
		        .site = site,
		        .cfa = cfa,
		        .sp = sp,
		        .fp = state.value[isa->frame_pointer],
		        .first_value = unwound->value_count,
		};
		for (unsigned i = 0; i < isa->callee_saved_count; i++)
			if (state.known[isa->callee_saved[i]]) {
				frame->callee_saved[i] = state.value[isa->callee_saved[i]];
				frame->callee_saved_known |= 1u << i;
			}
		struct xmig_live_value *values = &unwound->values[unwound->value_count];
		for (unsigned f = 0; f < site->frame_count; f++) {
			const struct xmig_source_frame *source = &site->frames[f];
			const struct xmig_site_value top = {XMIG_TYPE_TAG(XMIG_TYPE_POINTER, 1, 64),
			                                    source->data_stack_top};
			if (read_value(program, &state, stack, &top, values++, error) != 0)
				return xmig_fail(error, "frame %zu: %s: data-stack top: %s", index,
				                 WHERE, error->message);
			for (unsigned v = 0; v < source->value_count; v++)
				if (read_value(program, &state, stack, &source->values[v], values++,
				               error) != 0)
					return xmig_fail(error, "frame %zu: %s: value %u: %s",
					                 index, WHERE, v, error->message);
		}
		unwound->value_count += frame_values;
		unwound->frame_count++;

		if (step_registers(row, cfa, stack, &state, &caller, error) != 0)
			return xmig_fail(error, "frame %zu: %s: %s", index, WHERE, error->message);
		set_register(&caller, isa->stack_pointer, cfa);
		if (!caller.known[row->return_address_register])
			return xmig_fail(error, "frame %zu: %s: the CFI has no return address",
			                 index, WHERE);
		uint64_t return_address = caller.value[row->return_address_register];
		if (return_address == program->main_return) {
			if (cfa != stack->high)
				return xmig_fail(
				        error,
				        "the outermost frame ends at %#llx, not at the native "
				        "stack's top %#llx",
				        (unsigned long long)cfa, (unsigned long long)stack->high);
			return 0;
		}
		state = caller;
		pc = return_address;
	}
}
#undef WHERE
