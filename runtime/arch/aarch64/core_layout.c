/* aarch64's NT_PRSTATUS (struct user_pt_regs in pr_reg: x0-x30, sp, pc,
 * pstate) and NT_FPREGSET (struct user_fpsimd_state: v0-v31, fpsr, fpcr), as
 * the Linux kernel writes them. d8-d15 are the low halves of v8-v15. */
#include "xmig/core_registers.h"

#include <elf.h>

#ifndef EM_AARCH64
#define EM_AARCH64 183
#endif

const struct xmig_core_layout xmig_core_layout_aarch64 = {
        .isa = "aarch64",
        .elf_machine = EM_AARCH64,
        .prstatus_size = 392,
        .fpregset_size = 528,
        .pc = 32,
        .sp = 31,
        .fp = 29,
        .link = 30,
        .callee_saved = {19, 20, 21, 22, 23, 24, 25, 26, 27, 28},
        .callee_saved_count = 10,
        .fp_callee_saved_offset = 8 * 16,
        .fp_callee_saved_stride = 16,
        .fp_callee_saved_count = 8,
        .fixed = NULL,
        .fp_fixed = NULL,
};
