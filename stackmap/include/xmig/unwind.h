/* Unwinding a captured native stack of one ISA: from the image's registers,
 * frame by frame out to __xmig_main, each frame found by its return address
 * among the binary's sites, its live values read from callee-saved registers,
 * spill slots and constants, and the caller's registers recovered from the
 * CFI's save slots. */
#ifndef XMIG_UNWIND_H
#define XMIG_UNWIND_H

#include "xmig/error.h"
#include "xmig/live_value.h"
#include "xmig/program.h"
#include "xmig/registers.h"
#include "xmig/stack_memory.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_unwound_frame {
	const struct xmig_site *site; /* where the frame's call returns to */
	uint64_t cfa;                 /* the caller's stack pointer at the call */
	uint64_t sp, fp;              /* as they are once the call has returned */
	/* From here, for each of the site's source frames in turn: the
	 * data-stack top, then the frame's values (xmig_site_unwound_values). */
	size_t first_value;
	/* What the callee-saved registers hold in this frame, as recovered from
	 * its callees' save slots, in the order of isa->callee_saved; bit i of
	 * callee_saved_known says whether register i is known. */
	uint64_t callee_saved[XMIG_CALLEE_SAVED_COUNT];
	uint32_t callee_saved_known;
};

struct xmig_unwound_stack {
	size_t frame_count; /* innermost (the migration point's) first */
	struct xmig_unwound_frame *frames;
	size_t value_count;
	struct xmig_live_value *values;
	size_t frame_capacity, value_capacity;
};

/* Unwinds the stack in `stack` from `registers` (as after __xmig_point
 * returned) with the binary's sites and CFI. A frame at an unpaired site is
 * an error unless allow_unpaired (an identity transformation). On error the
 * message names the frame, and `unwound` holds the frames read so far. */
int xmig_unwind(const struct xmig_program *program, const struct xmig_registers *registers,
                const struct xmig_stack_memory *stack, int allow_unpaired,
                struct xmig_unwound_stack *unwound, struct xmig_error *error);

/* How many values an unwound frame at the site holds. */
static inline size_t xmig_site_unwound_values(const struct xmig_site *site)
{
	return (size_t)site->frame_count + site->value_count;
}

void xmig_unwound_stack_free(struct xmig_unwound_stack *unwound);

#endif
