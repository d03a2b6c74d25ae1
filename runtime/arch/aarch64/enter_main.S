/* xmig_enter_main(stack_top, argc, argv, envp): see start.c. */
	.text
	.globl	xmig_enter_main
	.type	xmig_enter_main, %function
	.p2align 2
xmig_enter_main:
	.cfi_startproc
	/* The outermost frame of the migratable stack: unwinders stop here. */
	.cfi_undefined x30
	mov	sp, x0
	mov	x29, xzr
	mov	x30, xzr
	mov	w0, w1
	mov	x1, x2
	mov	x2, x3
	bl	__xmig_main
	/* The return address of the outermost migratable frame: the transformer
	 * points the rebuilt stack's last frame here. */
	.globl	__xmig_main_return
__xmig_main_return:
	bl	exit
	brk	#0
	.cfi_endproc
	.size	xmig_enter_main, . - xmig_enter_main

	.section .note.GNU-stack, "", %progbits
