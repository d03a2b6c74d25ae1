/* What the readers and the transformer need to know about an ISA, as data:
 * one table per ISA in arch/<isa>/, one algorithm over them. */
#ifndef XMIG_ISA_H
#define XMIG_ISA_H

#include <stddef.h>
#include <stdint.h>

struct xmig_isa {
	const char *name;                  /* "x86_64", "aarch64" */
	uint16_t elf_machine;              /* EM_X86_64, EM_AARCH64 */
	unsigned dwarf_registers;          /* entries in register_names */
	const char *const *register_names; /* indexed by DWARF register number */
	/* Whether the bytes just before a return address end with a call
	 * instruction; `code` points at the return address, with `available`
	 * readable bytes before it. */
	int (*follows_call)(const uint8_t *code, size_t available);

	/* Frames, for the unwinder and the rewriter; registers as DWARF numbers. */
	unsigned stack_pointer, frame_pointer;
	unsigned return_address;  /* the CFI column that holds it */
	unsigned call_pushes;     /* bytes a call pushes: x86_64's return address */
	unsigned stack_alignment; /* of the stack pointer at a call */
	/* What a callee preserves, in the order of xmig_registers: callee_saved[]
	 * then fp_callee_saved[]. Of the FP ones only the low 8 bytes survive a
	 * call (aarch64's d8-d15 within v8-v15). */
	unsigned callee_saved_count;
	const uint16_t *callee_saved;
	unsigned fp_callee_saved_count;
	const uint16_t *fp_callee_saved;
};

extern const struct xmig_isa xmig_isa_x86_64;
extern const struct xmig_isa xmig_isa_aarch64;

/* The ISA of an ELF machine number, or NULL. */
const struct xmig_isa *xmig_isa_for_machine(uint16_t elf_machine);

/* Where a DWARF register lives in struct xmig_registers' callee_saved[]
 * (returns i) or fp_callee_saved[] (returns XMIG_CALLEE_SAVED_COUNT + i);
 * -1 when a callee does not preserve it. */
int xmig_isa_preserved_index(const struct xmig_isa *isa, unsigned dwarf_register);

/* The register's name, or NULL when the number is out of range. */
const char *xmig_isa_register_name(const struct xmig_isa *isa, unsigned dwarf_register);

#endif
