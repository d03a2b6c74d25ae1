#include "xmig/isa.h"

#include "xmig/registers.h"

#include <stddef.h>

static const struct xmig_isa *const known_isas[] = {&xmig_isa_x86_64, &xmig_isa_aarch64};

const struct xmig_isa *xmig_isa_for_machine(uint16_t elf_machine)
{
	for (size_t i = 0; i < sizeof known_isas / sizeof known_isas[0]; i++)
		if (known_isas[i]->elf_machine == elf_machine)
			return known_isas[i];
	return NULL;
}

const char *xmig_isa_register_name(const struct xmig_isa *isa, unsigned dwarf_register)
{
	if (dwarf_register >= isa->dwarf_registers)
		return NULL;
	return isa->register_names[dwarf_register]; /* NULL for unused numbers */
}

int xmig_isa_preserved_index(const struct xmig_isa *isa, unsigned dwarf_register)
{
	for (unsigned i = 0; i < isa->callee_saved_count; i++)
		if (isa->callee_saved[i] == dwarf_register)
			return (int)i;
	for (unsigned i = 0; i < isa->fp_callee_saved_count; i++)
		if (isa->fp_callee_saved[i] == dwarf_register)
			return XMIG_CALLEE_SAVED_COUNT + (int)i;
	return -1;
}
