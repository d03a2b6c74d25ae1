/* xmig_enter_main(stack_top, argc, argv, envp): see start.c. */
	.text
	.globl	xmig_enter_main
	.type	xmig_enter_main, @function
xmig_enter_main:
	.cfi_startproc
	/* The outermost frame of the migratable stack: unwinders stop here. */
	.cfi_undefined rip
	mov	%rdi, %rsp
	xor	%ebp, %ebp
	mov	%esi, %edi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	call	__xmig_main
	/* The return address of the outermost migratable frame: the transformer
	 * points the rebuilt stack's last frame here. */
	.globl	__xmig_main_return
__xmig_main_return:
	mov	%eax, %edi
	call	exit
	ud2
	.cfi_endproc
	.size	xmig_enter_main, . - xmig_enter_main

	.section .note.GNU-stack, "", @progbits
