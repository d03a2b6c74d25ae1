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
};

extern const struct xmig_isa xmig_isa_x86_64;
extern const struct xmig_isa xmig_isa_aarch64;

/* The ISA of an ELF machine number, or NULL. */
const struct xmig_isa *xmig_isa_for_machine(uint16_t elf_machine);

/* The register's name, or NULL when the number is out of range. */
const char *xmig_isa_register_name(const struct xmig_isa *isa, unsigned dwarf_register);

#endif
