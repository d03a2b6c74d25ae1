/* aarch64: DWARF register numbers of the AAPCS64 DWARF supplement
 * (0-30 x0-x30, 31 sp, 64-95 v0-v31; the numbers between are unused here). */
#include "xmig/isa.h"

#include <elf.h>
#include <stddef.h>

static const char *const register_names[] = {
        "x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10", "x11",
        "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
        "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  NULL,  NULL,  NULL,  NULL,
        NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,
        NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,  NULL,
        NULL,  NULL,  NULL,  NULL,  "v0",  "v1",  "v2",  "v3",  "v4",  "v5",  "v6",  "v7",
        "v8",  "v9",  "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19",
        "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31",
};

static int follows_call(const uint8_t *code, size_t available)
{
	if (available < 4)
		return 0;
	uint32_t word = (uint32_t)code[-4] | (uint32_t)code[-3] << 8 | (uint32_t)code[-2] << 16 |
	                (uint32_t)code[-1] << 24;
	return (word & 0xfc000000u) == 0x94000000u /* bl */ ||
	       (word & 0xfffffc1fu) == 0xd63f0000u /* blr */;
}

/* x19-x28 and d8-d15 (v8-v15), as in xmig_registers (arch/aarch64/point.S). */
static const uint16_t callee_saved[] = {19, 20, 21, 22, 23, 24, 25, 26, 27, 28};
static const uint16_t fp_callee_saved[] = {72, 73, 74, 75, 76, 77, 78, 79};

const struct xmig_isa xmig_isa_aarch64 = {
        .name = "aarch64",
        .elf_machine = EM_AARCH64,
        .dwarf_registers = sizeof register_names / sizeof register_names[0],
        .register_names = register_names,
        .follows_call = follows_call,
        .stack_pointer = 31,
        .frame_pointer = 29,
        .return_address = 30,
        .call_pushes = 0,
        .stack_alignment = 16,
        .callee_saved_count = sizeof callee_saved / sizeof callee_saved[0],
        .callee_saved = callee_saved,
        .fp_callee_saved_count = sizeof fp_callee_saved / sizeof fp_callee_saved[0],
        .fp_callee_saved = fp_callee_saved,
};
