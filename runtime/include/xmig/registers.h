/* The registers of a captured frame: what survives a call on both ISAs, plus
 * where execution resumes. One layout for both ISAs, so that the runtime's
 * assembly, the image notes and the transformer all share it. */
#ifndef XMIG_REGISTERS_H
#define XMIG_REGISTERS_H

#define XMIG_CALLEE_SAVED_COUNT    10 /* x86_64: rbx r12 r13 r14 r15; aarch64: x19-x28 */
#define XMIG_FP_CALLEE_SAVED_COUNT 8  /* aarch64: d8-d15; x86_64 has none */

/* Byte offsets, for the assembly in arch/<isa>/. */
#define XMIG_REGISTERS_PC              0
#define XMIG_REGISTERS_SP              8
#define XMIG_REGISTERS_FP              16
#define XMIG_REGISTERS_CALLEE_SAVED    24
#define XMIG_REGISTERS_FP_CALLEE_SAVED 104
#define XMIG_REGISTERS_SIZE            168

#ifndef __ASSEMBLER__
#include <stdint.h>

struct xmig_registers {
	uint64_t pc; /* the return address of the __xmig_point call */
	uint64_t sp; /* the stack pointer once that call has returned */
	uint64_t fp; /* rbp or x29 */
	uint64_t callee_saved[XMIG_CALLEE_SAVED_COUNT];
	uint64_t fp_callee_saved[XMIG_FP_CALLEE_SAVED_COUNT];
};

_Static_assert(sizeof(struct xmig_registers) == XMIG_REGISTERS_SIZE, "layout used by assembly");
_Static_assert(__builtin_offsetof(struct xmig_registers, callee_saved) ==
                       XMIG_REGISTERS_CALLEE_SAVED,
               "layout used by assembly");
_Static_assert(__builtin_offsetof(struct xmig_registers, fp_callee_saved) ==
                       XMIG_REGISTERS_FP_CALLEE_SAVED,
               "layout used by assembly");
#endif

#endif
