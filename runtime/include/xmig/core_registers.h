/* The registers of xmig_registers in a core file's NT_PRSTATUS and
 * NT_FPREGSET notes, for either ISA and on any host: the runtime writes and
 * reads its own ISA's, the transformer both. Each ISA's layout is a table in
 * arch/<isa>/core_layout.c. */
#ifndef XMIG_CORE_REGISTERS_H
#define XMIG_CORE_REGISTERS_H

#include "xmig/registers.h"

#include <stddef.h>
#include <stdint.h>

/* struct elf_prstatus: 112 bytes of process information, then pr_reg. */
#define XMIG_PRSTATUS_PID_OFFSET 32
#define XMIG_PRSTATUS_REG_OFFSET 112

struct xmig_core_fixed_value {
	int slot; /* index into pr_reg, in 8-byte units; -1 ends the list */
	uint64_t value;
};

struct xmig_core_layout {
	const char *isa;
	uint16_t elf_machine;
	uint32_t prstatus_size;
	uint32_t fpregset_size;
	/* Indices into pr_reg, in 8-byte units; -1 where the ISA has none. */
	int pc, sp, fp, link;
	int callee_saved[XMIG_CALLEE_SAVED_COUNT];
	int callee_saved_count;
	/* Where the FP callee-saved registers sit in NT_FPREGSET. */
	uint32_t fp_callee_saved_offset, fp_callee_saved_stride;
	int fp_callee_saved_count;
	/* Values the ISA's tools expect in other slots (segment selectors...). */
	const struct xmig_core_fixed_value *fixed;
	/* Bytes of NT_FPREGSET with a non-zero reset value (control words). */
	const struct xmig_core_fixed_value *fp_fixed; /* slot = byte offset, 4 bytes */
};

extern const struct xmig_core_layout xmig_core_layout_x86_64;
extern const struct xmig_core_layout xmig_core_layout_aarch64;

/* The layout for an ELF machine number, or NULL. */
const struct xmig_core_layout *xmig_core_layout_for_machine(uint16_t elf_machine);

/* Fill the note descriptors; `prstatus` holds layout->prstatus_size bytes,
 * `fpregset` layout->fpregset_size. */
void xmig_core_write_prstatus(const struct xmig_core_layout *layout,
                              const struct xmig_registers *registers, int32_t pid,
                              uint8_t *prstatus);
void xmig_core_write_fpregset(const struct xmig_core_layout *layout,
                              const struct xmig_registers *registers, uint8_t *fpregset);

/* Read them back; -1 when a descriptor has the wrong size. */
int xmig_core_read_prstatus(const struct xmig_core_layout *layout, const uint8_t *prstatus,
                            size_t size, struct xmig_registers *registers);
int xmig_core_read_fpregset(const struct xmig_core_layout *layout, const uint8_t *fpregset,
                            size_t size, struct xmig_registers *registers);

#endif
