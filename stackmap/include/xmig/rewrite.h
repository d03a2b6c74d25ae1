/* Rebuilding an unwound stack for another ISA's binary of the same program:
 * frames laid out from the outermost inward in the same native-stack range,
 * with the destination's frame sizes, frame records and save slots, every
 * live value written to its destination location, and the register set the
 * destination resumes with. */
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

/* Builds the destination stack below stack_top into *stack (allocated here,
 * exactly [sp, stack_top)) and the registers to resume with. `frames`, when
 * not NULL, receives unwound->frame_count entries, innermost first.
 * `identity` allows frames at unpaired sites (the same binary). */
int xmig_rewrite(const struct xmig_program *source, const struct xmig_program *destination,
                 const struct xmig_unwound_stack *unwound, uint64_t stack_top, int identity,
                 struct xmig_stack_memory *stack, struct xmig_registers *registers,
                 struct xmig_rewritten_frame *frames, struct xmig_error *error);

#endif
