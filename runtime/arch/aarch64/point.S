/* __xmig_point: the slow path of a migration point. Records the registers
 * the caller may hold live values in, as they will be once this call has
 * returned, then lets xmig_point_slow (capture.c) decide what to do.
 *
 * xmig_resume(registers): the other way round, for restore: loads them and
 * continues at registers->pc as if __xmig_point had just returned there. */
#include "xmig/registers.h"

	.text
	.globl	__xmig_point
	.type	__xmig_point, %function
	.p2align 2
__xmig_point:
	.cfi_startproc
	adrp	x9, xmig_point_registers
	add	x9, x9, :lo12:xmig_point_registers
	mov	x10, sp
	str	x30, [x9, #XMIG_REGISTERS_PC]
	str	x10, [x9, #XMIG_REGISTERS_SP]
	str	x29, [x9, #XMIG_REGISTERS_FP]
	stp	x19, x20, [x9, #XMIG_REGISTERS_CALLEE_SAVED + 0]
	stp	x21, x22, [x9, #XMIG_REGISTERS_CALLEE_SAVED + 16]
	stp	x23, x24, [x9, #XMIG_REGISTERS_CALLEE_SAVED + 32]
	stp	x25, x26, [x9, #XMIG_REGISTERS_CALLEE_SAVED + 48]
	stp	x27, x28, [x9, #XMIG_REGISTERS_CALLEE_SAVED + 64]
	stp	d8, d9, [x9, #XMIG_REGISTERS_FP_CALLEE_SAVED + 0]
	stp	d10, d11, [x9, #XMIG_REGISTERS_FP_CALLEE_SAVED + 16]
	stp	d12, d13, [x9, #XMIG_REGISTERS_FP_CALLEE_SAVED + 32]
	stp	d14, d15, [x9, #XMIG_REGISTERS_FP_CALLEE_SAVED + 48]
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset x29, -16
	.cfi_offset x30, -8
	mov	x29, sp
	mov	x0, x9
	bl	xmig_point_slow
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	__xmig_point, . - __xmig_point

	.globl	xmig_resume
	.type	xmig_resume, %function
	.p2align 2
xmig_resume:
	.cfi_startproc
	ldp	x19, x20, [x0, #XMIG_REGISTERS_CALLEE_SAVED + 0]
	ldp	x21, x22, [x0, #XMIG_REGISTERS_CALLEE_SAVED + 16]
	ldp	x23, x24, [x0, #XMIG_REGISTERS_CALLEE_SAVED + 32]
	ldp	x25, x26, [x0, #XMIG_REGISTERS_CALLEE_SAVED + 48]
	ldp	x27, x28, [x0, #XMIG_REGISTERS_CALLEE_SAVED + 64]
	ldp	d8, d9, [x0, #XMIG_REGISTERS_FP_CALLEE_SAVED + 0]
	ldp	d10, d11, [x0, #XMIG_REGISTERS_FP_CALLEE_SAVED + 16]
	ldp	d12, d13, [x0, #XMIG_REGISTERS_FP_CALLEE_SAVED + 32]
	ldp	d14, d15, [x0, #XMIG_REGISTERS_FP_CALLEE_SAVED + 48]
	ldr	x29, [x0, #XMIG_REGISTERS_FP]
	ldr	x10, [x0, #XMIG_REGISTERS_SP]
	mov	sp, x10
	ldr	x30, [x0, #XMIG_REGISTERS_PC]
	ret
	.cfi_endproc
	.size	xmig_resume, . - xmig_resume

	.section .note.GNU-stack, "", %progbits
