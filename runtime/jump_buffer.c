/* longjmp and siglongjmp for programs built with xmig-cc, and the generation
 * that tells a buffer armed on this ISA from one the migration left behind
 * (xmig/jump_buffer.h). */
#define _GNU_SOURCE
#include "jump_buffer.h"

#include "migratable.h"
#include "xmig/jump_buffer.h"
#include "xmig/runtime.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Part of the program's state: a same-ISA restore keeps every buffer valid,
 * since its native stack comes back at the same addresses. */
uint64_t XMIG_MIGRATABLE_ZEROED(__xmig_jump_generation);

/* Set by a resumed frame right before it calls setjmp again to arm a buffer
 * (llvm-pass/ResumePaths.cpp); cleared by that call. Process state. */
int __xmig_jump_rearming;

/* arch/<isa>/jump_buffer.S */
_Noreturn void xmig_jump_buffer_resume(struct xmig_jump_buffer *buffer, int value);
int xmig_jump_buffer_save_mask(struct xmig_jump_buffer *buffer);

_Static_assert(sizeof(sigset_t) == sizeof(((struct xmig_jump_buffer *)0)->mask),
               "glibc's sigset_t is 1024 bits on both ISAs");

void xmig_jump_buffers_start(void)
{
	__xmig_jump_generation = 1;
}

void xmig_jump_buffers_rebuilt(void)
{
	__xmig_jump_generation++;
}

/* sigsetjmp's tail: its registers are saved, and its caller gets 0. */
int xmig_jump_buffer_save_mask(struct xmig_jump_buffer *buffer)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	memcpy(buffer->mask, &mask, sizeof mask);
	buffer->mask_saved = 1;
	return 0;
}

_Noreturn void __xmig_longjmp(struct xmig_jump_buffer *buffer, int value)
{
	if (buffer->generation == 0 || buffer->generation != __xmig_jump_generation) {
		/* Undefined in C; glibc's checked longjmp aborts too. */
		fprintf(stderr, "xmig: longjmp to a jmp_buf %s\n",
		        buffer->generation == 0
		                ? "that setjmp never armed"
		                : "armed before the program migrated, by a frame that had "
		                  "already returned (the migration rebuilds only the frames "
		                  "on the stack)");
		abort();
	}
	if (buffer->mask_saved) {
		sigset_t mask;
		memcpy(&mask, buffer->mask, sizeof mask);
		sigprocmask(SIG_SETMASK, &mask, NULL);
	}
	/* The frames left behind do not pop their data-stack frames. */
	__xmig_data_stack_pointer = (char *)(uintptr_t)buffer->data_stack_pointer;
	xmig_jump_buffer_resume(buffer, value ? value : 1);
}
