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
	.type	__xmig_setjmp, %function
	.globl	__xmig_sigsetjmp
	.type	__xmig_sigsetjmp, %function
	.p2align 2
__xmig_setjmp:
	.cfi_startproc
	mov	w1, #0
__xmig_sigsetjmp:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x9, sp
	str	x9, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	adrp	x9, __xmig_jump_generation
	ldr	x9, [x9, :lo12:__xmig_jump_generation]
	str	x9, [x0, #XMIG_JUMP_BUFFER_GENERATION_OFFSET]
	adrp	x9, __xmig_data_stack_pointer
	ldr	x9, [x9, :lo12:__xmig_data_stack_pointer]
	str	x9, [x0, #XMIG_JUMP_BUFFER_DATA_STACK_OFFSET]
	/* A frame arming its buffer again keeps the mask it saved. */
	adrp	x9, __xmig_jump_rearming
	ldr	w10, [x9, :lo12:__xmig_jump_rearming]
	cbnz	w10, 1f
	str	xzr, [x0, #XMIG_JUMP_BUFFER_MASK_SAVED_OFFSET]
	/* Saves the mask and returns 0 to our caller. */
	cbnz	w1, xmig_jump_buffer_save_mask
	mov	w0, #0
	ret
1:	str	wzr, [x9, :lo12:__xmig_jump_rearming]
	mov	w0, #0
	ret
	.cfi_endproc
	.size	__xmig_setjmp, . - __xmig_setjmp
	.size	__xmig_sigsetjmp, . - __xmig_sigsetjmp

	.globl	xmig_jump_buffer_resume
	.type	xmig_jump_buffer_resume, %function
	.p2align 2
xmig_jump_buffer_resume:
	.cfi_startproc
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x9, [x0, #96]
	mov	sp, x9
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, w1
	ret
	.cfi_endproc
	.size	xmig_jump_buffer_resume, . - xmig_jump_buffer_resume

	.section .note.GNU-stack, "", @progbits
