/* A jmp_buf that migrates (docs/setjmp.md).
 *
 * Programs built with xmig-cc get xmig's <setjmp.h> (runtime/libc/setjmp.h),
 * whose jmp_buf and sigjmp_buf are this structure on both ISAs: one size and
 * one layout, so that a struct holding one (Lua's struct lua_longjmp, libpng's
 * png_struct) has the same layout in both binaries. setjmp and sigsetjmp are
 * the runtime's (arch/<isa>/jump_buffer.S), longjmp and siglongjmp too
 * (jump_buffer.c); glibc's are not used.
 *
 * The registers are the ISA's own and are only valid where they were saved:
 * a frame rebuilt on the other ISA arms its buffers again as it is re-entered
 * (llvm-pass/JumpBuffers.cpp), which stores that ISA's registers. Everything
 * else is the same on both ISAs. */
#ifndef XMIG_JUMP_BUFFER_H
#define XMIG_JUMP_BUFFER_H

#define XMIG_JUMP_BUFFER_SIZE      352
#define XMIG_JUMP_BUFFER_ALIGNMENT 16
/* Where the plugin stores which frame armed the buffer last. */
#define XMIG_JUMP_BUFFER_OWNER_OFFSET 208
/* Byte offsets for the assembly. */
#define XMIG_JUMP_BUFFER_GENERATION_OFFSET 192
#define XMIG_JUMP_BUFFER_DATA_STACK_OFFSET 200
#define XMIG_JUMP_BUFFER_MASK_SAVED_OFFSET 216

/* The runtime's entry points, as the plugin and setjmp.h name them. */
#define XMIG_SETJMP_SYMBOL    "__xmig_setjmp"
#define XMIG_SIGSETJMP_SYMBOL "__xmig_sigsetjmp"
#define XMIG_LONGJMP_SYMBOL   "__xmig_longjmp"
/* An int the plugin sets right before a resumed frame arms a buffer again,
 * so that setjmp keeps what only the first call could know (the mask). */
#define XMIG_JUMP_REARMING_SYMBOL "__xmig_jump_rearming"

#ifndef __ASSEMBLER__
#include <stdint.h>

struct xmig_jump_buffer {
	/* The callee-saved registers, stack pointer and return address of
	 * the frame that called setjmp (arch/<isa>/jump_buffer.S). */
	uint64_t registers[24];
	/* __xmig_jump_generation when it was armed: a buffer armed before its
	 * frames were rebuilt holds the other ISA's registers. */
	uint64_t generation;
	/* The data-stack pointer at setjmp, which longjmp restores: the frames
	 * it leaves do not pop their data-stack frames. */
	uint64_t data_stack_pointer;
	/* The address of the slot, in the data-stack frame of the function
	 * that called setjmp, that names this buffer: the frame to re-arm it. */
	uint64_t owner;
	/* sigsetjmp's: whether the signal mask was saved, and the mask (the
	 * kernel's 1024-bit sigset_t of glibc, the same on both ISAs). */
	uint64_t mask_saved;
	uint64_t mask[16];
};

#ifdef __cplusplus
#define XMIG_JUMP_BUFFER_ASSERT static_assert
#else
#define XMIG_JUMP_BUFFER_ASSERT _Static_assert
#endif
XMIG_JUMP_BUFFER_ASSERT(sizeof(struct xmig_jump_buffer) == XMIG_JUMP_BUFFER_SIZE,
                        "setjmp.h declares this size");
XMIG_JUMP_BUFFER_ASSERT(__builtin_offsetof(struct xmig_jump_buffer, owner) ==
                                XMIG_JUMP_BUFFER_OWNER_OFFSET,
                        "the plugin stores the owner here");
XMIG_JUMP_BUFFER_ASSERT(__builtin_offsetof(struct xmig_jump_buffer, generation) ==
                                XMIG_JUMP_BUFFER_GENERATION_OFFSET,
                        "jump_buffer.S stores the generation here");
XMIG_JUMP_BUFFER_ASSERT(__builtin_offsetof(struct xmig_jump_buffer, data_stack_pointer) ==
                                XMIG_JUMP_BUFFER_DATA_STACK_OFFSET,
                        "jump_buffer.S stores the data-stack pointer here");
XMIG_JUMP_BUFFER_ASSERT(__builtin_offsetof(struct xmig_jump_buffer, mask_saved) ==
                                XMIG_JUMP_BUFFER_MASK_SAVED_OFFSET,
                        "jump_buffer.S clears mask_saved here");
#undef XMIG_JUMP_BUFFER_ASSERT
#endif

#endif
