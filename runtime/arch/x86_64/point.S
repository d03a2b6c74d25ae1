/* __xmig_point: the slow path of a migration point. Records the registers
 * the caller may hold live values in, as they will be once this call has
 * returned, then lets xmig_point_slow (capture.c) decide what to do.
 *
 * xmig_resume(registers): the other way round, for restore: loads them and
 * continues at registers->pc as if __xmig_point had just returned there. */
#include "xmig/registers.h"

	.text
	.globl	__xmig_point
	.type	__xmig_point, @function
	.p2align 4
__xmig_point:
	.cfi_startproc
	leaq	xmig_point_registers(%rip), %rax
	movq	(%rsp), %rcx
	movq	%rcx, XMIG_REGISTERS_PC(%rax)
	leaq	8(%rsp), %rcx
	movq	%rcx, XMIG_REGISTERS_SP(%rax)
	movq	%rbp, XMIG_REGISTERS_FP(%rax)
	movq	%rbx, XMIG_REGISTERS_CALLEE_SAVED + 0(%rax)
	movq	%r12, XMIG_REGISTERS_CALLEE_SAVED + 8(%rax)
	movq	%r13, XMIG_REGISTERS_CALLEE_SAVED + 16(%rax)
	movq	%r14, XMIG_REGISTERS_CALLEE_SAVED + 24(%rax)
	movq	%r15, XMIG_REGISTERS_CALLEE_SAVED + 32(%rax)
	/* A frame of our own keeps the stack aligned for the C call and lets
	 * debuggers walk through it. */
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register rbp
	movq	%rax, %rdi
	call	xmig_point_slow
	popq	%rbp
	.cfi_def_cfa rsp, 8
	ret
	.cfi_endproc
	.size	__xmig_point, . - __xmig_point

	.globl	xmig_resume
	.type	xmig_resume, @function
	.p2align 4
xmig_resume:
	.cfi_startproc
	movq	XMIG_REGISTERS_CALLEE_SAVED + 0(%rdi), %rbx
	movq	XMIG_REGISTERS_CALLEE_SAVED + 8(%rdi), %r12
	movq	XMIG_REGISTERS_CALLEE_SAVED + 16(%rdi), %r13
	movq	XMIG_REGISTERS_CALLEE_SAVED + 24(%rdi), %r14
	movq	XMIG_REGISTERS_CALLEE_SAVED + 32(%rdi), %r15
	movq	XMIG_REGISTERS_FP(%rdi), %rbp
	movq	XMIG_REGISTERS_SP(%rdi), %rsp
	jmpq	*XMIG_REGISTERS_PC(%rdi)
	.cfi_endproc
	.size	xmig_resume, . - xmig_resume

	.section .note.GNU-stack, "", @progbits
