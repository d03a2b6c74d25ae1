/* setjmp and sigsetjmp for programs built with xmig-cc (xmig/jump_buffer.h).
 * The registers are saved unmangled: an image restored in another process
 * on this ISA finds them valid, as the frames they point into are at the
 * same addresses there.
 *
 * xmig_jump_buffer_resume(buffer, value): longjmp's last step (jump_buffer.c):
 * loads them and returns value from the setjmp call that saved them. */
#include "xmig/jump_buffer.h"

	.text
	.globl	__xmig_setjmp
	.type	__xmig_setjmp, @function
	.globl	__xmig_sigsetjmp
	.type	__xmig_sigsetjmp, @function
	.p2align 4
__xmig_setjmp:
	.cfi_startproc
	xorl	%esi, %esi
__xmig_sigsetjmp:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax
	movq	%rax, 56(%rdi)
	movq	__xmig_jump_generation(%rip), %rax
	movq	%rax, XMIG_JUMP_BUFFER_GENERATION_OFFSET(%rdi)
	movq	__xmig_data_stack_pointer(%rip), %rax
	movq	%rax, XMIG_JUMP_BUFFER_DATA_STACK_OFFSET(%rdi)
	/* A frame arming its buffer again keeps the mask it saved. */
	cmpl	$0, __xmig_jump_rearming(%rip)
	jne	1f
	movq	$0, XMIG_JUMP_BUFFER_MASK_SAVED_OFFSET(%rdi)
	testl	%esi, %esi
	/* Saves the mask and returns 0 to our caller. */
	jnz	xmig_jump_buffer_save_mask
	xorl	%eax, %eax
	ret
1:	movl	$0, __xmig_jump_rearming(%rip)
	xorl	%eax, %eax
	ret
	.cfi_endproc
	.size	__xmig_setjmp, . - __xmig_setjmp
	.size	__xmig_sigsetjmp, . - __xmig_sigsetjmp

	.globl	xmig_jump_buffer_resume
	.type	xmig_jump_buffer_resume, @function
	.p2align 4
xmig_jump_buffer_resume:
	.cfi_startproc
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	movl	%esi, %eax
	jmpq	*56(%rdi)
	.cfi_endproc
	.size	xmig_jump_buffer_resume, . - xmig_jump_buffer_resume

	.section .note.GNU-stack, "", @progbits
