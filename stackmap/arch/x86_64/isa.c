/* x86_64: DWARF register numbers of the System V psABI. */
#include "xmig/isa.h"

#include <elf.h>

static const char *const register_names[] = {
        "rax",   "rdx",   "rcx",   "rbx",   "rsi",   "rdi",   "rbp",  "rsp",  "r8",
        "r9",    "r10",   "r11",   "r12",   "r13",   "r14",   "r15",  "rip",  "xmm0",
        "xmm1",  "xmm2",  "xmm3",  "xmm4",  "xmm5",  "xmm6",  "xmm7", "xmm8", "xmm9",
        "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
};

/* The length of `ff /2` (call near, indirect) from its ModRM byte on: the
 * ModRM itself, an optional SIB, and the displacement. */
static size_t indirect_call_length(uint8_t modrm, uint8_t sib)
{
	unsigned mod = modrm >> 6, rm = modrm & 7;
	if (mod == 3)
		return 1;
	size_t length = 1;
	if (rm == 4) {
		length++;
		if (mod == 0 && (sib & 7) == 5)
			return length + 4;
	}
	if (mod == 0)
		return rm == 5 ? length + 4 : length;
	return length + (mod == 1 ? 1 : 4);
}

static int follows_call(const uint8_t *code, size_t available)
{
	if (available >= 5 && code[-5] == 0xe8) /* call rel32 */
		return 1;
	for (size_t length = 2; length <= 8 && length <= available; length++) {
		const uint8_t *start = code - length;
		size_t at = (start[0] & 0xf0) == 0x40 ? 1 : 0; /* REX */
		if (at + 2 > length || start[at] != 0xff || ((start[at + 1] >> 3) & 7) != 2)
			continue;
		uint8_t sib = at + 2 < length ? start[at + 2] : 0;
		if (at + 1 + indirect_call_length(start[at + 1], sib) == length)
			return 1;
	}
	return 0;
}

/* rbx r12 r13 r14 r15, as in xmig_registers (arch/x86_64/point.S). */
static const uint16_t callee_saved[] = {3, 12, 13, 14, 15};

const struct xmig_isa xmig_isa_x86_64 = {
        .name = "x86_64",
        .elf_machine = EM_X86_64,
        .dwarf_registers = sizeof register_names / sizeof register_names[0],
        .register_names = register_names,
        .follows_call = follows_call,
        .stack_pointer = 7,
        .frame_pointer = 6,
        .return_address = 16,
        .call_pushes = 8,
        .stack_alignment = 16,
        .callee_saved_count = sizeof callee_saved / sizeof callee_saved[0],
        .callee_saved = callee_saved,
};
