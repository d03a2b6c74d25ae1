/* Rebuilding an unwound stack for another ISA's binary of the same program:
 * the source frames are covered by the destination's own machine frames
 * (which may have inlined other functions than the source's did), laid out
 * from the outermost inward in the same native-stack range, with the
 * destination's frame sizes, frame records and save slots, every value
 * written to its destination location, and the register set that goes with
 * them. A restore does not use this stack (the destination rebuilds its
 * frames by running its code, docs/transform.md); it makes the image's
 * backtrace readable by gdb, an independent check of the transformation. */
#ifndef XMIG_REWRITE_H
#define XMIG_REWRITE_H

#include "xmig/error.h"
#include "xmig/program.h"
#include "xmig/registers.h"
#include "xmig/stack_memory.h"
#include "xmig/unwind.h"

#include <stdint.h>
#include <stdio.h>

/* Where each destination frame went, for the verbose listing. */
struct xmig_rewritten_frame {
	const struct xmig_site *site;
	uint64_t cfa, sp, fp;
};

struct xmig_rewritten_stack {
	size_t count;
	struct xmig_rewritten_frame *frames; /* innermost first */
};

/* Builds the destination stack below stack_top into *stack (allocated here,
 * exactly [sp, stack_top)), the registers that go with it, and *frames.
 * `identity` allows frames at unpaired sites (the same binary). Returns 0,
 * -1 when the image cannot go to the destination, or XMIG_REWRITE_NO_VIEW
 * when only this view cannot be built (the destination's machine frames do
 * not hold the source frames the same way: its optimizer dropped a copy of
 * a call), which a restore does not need. */
#define XMIG_REWRITE_NO_VIEW (-2)
int xmig_rewrite(const struct xmig_program *source, const struct xmig_program *destination,
                 const struct xmig_unwound_stack *unwound, uint64_t stack_top, int identity,
                 struct xmig_stack_memory *stack, struct xmig_registers *registers,
                 struct xmig_rewritten_stack *frames, struct xmig_error *error);

void xmig_rewritten_stack_free(struct xmig_rewritten_stack *frames);

#endif
