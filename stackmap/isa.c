#include "xmig/isa.h"

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
