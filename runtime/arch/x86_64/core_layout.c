/* x86_64's NT_PRSTATUS (struct user_regs_struct in pr_reg) and NT_FPREGSET
 * (the 512-byte FXSAVE area), as the Linux kernel writes them. */
#include "xmig/core_registers.h"

#include <elf.h>

enum user_regs_slot {
	R15 = 0,
	R14 = 1,
	R13 = 2,
	R12 = 3,
	RBP = 4,
	RBX = 5,
	RIP = 16,
	CS = 17,
	EFLAGS = 18,
	RSP = 19,
	SS = 20,
};

static const struct xmig_core_fixed_value fixed[] = {
        {CS, 0x33},      /* the 64-bit user code segment */
        {SS, 0x2b},      /* the user data segment */
        {EFLAGS, 0x202}, /* interrupts enabled, the always-one bit */
        {-1, 0},
};

static const struct xmig_core_fixed_value fp_fixed[] = {
        {0, 0x037f},  /* x87 control word at reset */
        {24, 0x1f80}, /* MXCSR at reset: all exceptions masked */
        {-1, 0},
};

const struct xmig_core_layout xmig_core_layout_x86_64 = {
        .isa = "x86_64",
        .elf_machine = EM_X86_64,
        .prstatus_size = 336,
        .fpregset_size = 512,
        .pc = RIP,
        .sp = RSP,
        .fp = RBP,
        .link = -1,
        .callee_saved = {RBX, R12, R13, R14, R15},
        .callee_saved_count = 5,
        .fp_callee_saved_count = 0,
        .fixed = fixed,
        .fp_fixed = fp_fixed,
};
