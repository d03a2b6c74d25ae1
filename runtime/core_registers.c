/* One algorithm over the per-ISA tables of arch/<isa>/core_layout.c. Byte
 * copies rather than casts: note descriptors are only 4-byte aligned. */
#include "xmig/core_registers.h"

#include <elf.h>
#include <string.h>

const struct xmig_core_layout *xmig_core_layout_for_machine(uint16_t elf_machine)
{
	if (elf_machine == xmig_core_layout_x86_64.elf_machine)
		return &xmig_core_layout_x86_64;
	if (elf_machine == xmig_core_layout_aarch64.elf_machine)
		return &xmig_core_layout_aarch64;
	return NULL;
}

static void put_slot(uint8_t *registers, int slot, uint64_t value)
{
	if (slot >= 0)
		memcpy(registers + 8 * slot, &value, sizeof value);
}

static uint64_t get_slot(const uint8_t *registers, int slot)
{
	uint64_t value = 0;
	if (slot >= 0)
		memcpy(&value, registers + 8 * slot, sizeof value);
	return value;
}

void xmig_core_write_prstatus(const struct xmig_core_layout *layout,
                              const struct xmig_registers *registers, int32_t pid,
                              uint8_t *prstatus)
{
	memset(prstatus, 0, layout->prstatus_size);
	memcpy(prstatus + XMIG_PRSTATUS_PID_OFFSET, &pid, sizeof pid);
	uint8_t *slots = prstatus + XMIG_PRSTATUS_REG_OFFSET;
	for (const struct xmig_core_fixed_value *fixed = layout->fixed; fixed && fixed->slot >= 0;
	     fixed++)
		put_slot(slots, fixed->slot, fixed->value);
	put_slot(slots, layout->pc, registers->pc);
	put_slot(slots, layout->sp, registers->sp);
	put_slot(slots, layout->fp, registers->fp);
	/* A debugger unwinding the innermost frame reads the link register as
	 * the place it was called from: it is the resume address. */
	put_slot(slots, layout->link, registers->pc);
	for (int i = 0; i < layout->callee_saved_count; i++)
		put_slot(slots, layout->callee_saved[i], registers->callee_saved[i]);
}

void xmig_core_write_fpregset(const struct xmig_core_layout *layout,
                              const struct xmig_registers *registers, uint8_t *fpregset)
{
	memset(fpregset, 0, layout->fpregset_size);
	for (const struct xmig_core_fixed_value *fixed = layout->fp_fixed;
	     fixed && fixed->slot >= 0; fixed++) {
		uint32_t value = (uint32_t)fixed->value;
		memcpy(fpregset + fixed->slot, &value, sizeof value);
	}
	for (int i = 0; i < layout->fp_callee_saved_count; i++)
		memcpy(fpregset + layout->fp_callee_saved_offset +
		               (size_t)i * layout->fp_callee_saved_stride,
		       &registers->fp_callee_saved[i], sizeof registers->fp_callee_saved[i]);
}

int xmig_core_read_prstatus(const struct xmig_core_layout *layout, const uint8_t *prstatus,
                            size_t size, struct xmig_registers *registers)
{
	if (size != layout->prstatus_size)
		return -1;
	const uint8_t *slots = prstatus + XMIG_PRSTATUS_REG_OFFSET;
	registers->pc = get_slot(slots, layout->pc);
	registers->sp = get_slot(slots, layout->sp);
	registers->fp = get_slot(slots, layout->fp);
	for (int i = 0; i < XMIG_CALLEE_SAVED_COUNT; i++)
		registers->callee_saved[i] = i < layout->callee_saved_count
		                                     ? get_slot(slots, layout->callee_saved[i])
		                                     : 0;
	return 0;
}

int xmig_core_read_fpregset(const struct xmig_core_layout *layout, const uint8_t *fpregset,
                            size_t size, struct xmig_registers *registers)
{
	if (size != layout->fpregset_size)
		return -1;
	for (int i = 0; i < XMIG_FP_CALLEE_SAVED_COUNT; i++) {
		registers->fp_callee_saved[i] = 0;
		if (i < layout->fp_callee_saved_count)
			memcpy(&registers->fp_callee_saved[i],
			       fpregset + layout->fp_callee_saved_offset +
			               (size_t)i * layout->fp_callee_saved_stride,
			       sizeof registers->fp_callee_saved[i]);
	}
	return 0;
}
