/* Call-frame information through libdwarf's frame interface: libdwarf decodes
 * .eh_frame and runs the CIE and FDE instructions; this file only turns its
 * register table into xmig's ISA-neutral row. */
#include "xmig/cfi.h"

#include <inttypes.h>
#include <libdwarf.h>
#include <stdlib.h>
#include <string.h>

struct xmig_cfi {
	const char *path;
	Dwarf_Debug debug;
	Dwarf_Cie *cies;
	Dwarf_Signed cie_count;
	Dwarf_Fde *fdes;
	Dwarf_Signed fde_count;
	struct xmig_cfi_range *ranges; /* sorted by address */
};

/* Fails with libdwarf's message and releases the error libdwarf allocated. */
static int fail_dwarf(Dwarf_Debug debug, Dwarf_Error dwarf_error, struct xmig_error *error,
                      const char *path, const char *doing)
{
	xmig_fail(error, "%s: .eh_frame: %s: %s", path, doing,
	          dwarf_error ? dwarf_errmsg(dwarf_error) : "unknown libdwarf error");
	if (dwarf_error)
		dwarf_dealloc(debug, dwarf_error, DW_DLA_ERROR);
	return -1;
}

static int compare_ranges(const void *left, const void *right)
{
	const struct xmig_cfi_range *a = left, *b = right;
	return a->low < b->low ? -1 : a->low > b->low;
}

static int load_ranges(struct xmig_cfi *cfi, struct xmig_error *error)
{
	cfi->ranges = calloc((size_t)cfi->fde_count, sizeof *cfi->ranges);
	if (!cfi->ranges)
		return xmig_fail(error, "%s: out of memory reading .eh_frame", cfi->path);
	for (Dwarf_Signed i = 0; i < cfi->fde_count; i++) {
		Dwarf_Addr low;
		Dwarf_Unsigned length;
		Dwarf_Error dwarf_error = NULL;
		if (dwarf_get_fde_range(cfi->fdes[i], &low, &length, NULL, NULL, NULL, NULL, NULL,
		                        &dwarf_error) != DW_DLV_OK)
			return fail_dwarf(cfi->debug, dwarf_error, error, cfi->path,
			                  "reading an FDE's range");
		cfi->ranges[i] = (struct xmig_cfi_range){low, low + length};
	}
	qsort(cfi->ranges, (size_t)cfi->fde_count, sizeof *cfi->ranges, compare_ranges);
	return 0;
}

int xmig_cfi_open(struct xmig_elf_file *file, struct xmig_cfi **cfi_out, struct xmig_error *error)
{
	*cfi_out = NULL;
	if (!file->linked)
		return xmig_fail(error,
		                 "%s: not a linked binary: .eh_frame addresses are not final",
		                 file->path);
	const uint8_t *section;
	size_t size;
	int found = xmig_elf_section(file, ".eh_frame", &section, &size, error);
	if (found <= 0)
		return found < 0 ? -1 : xmig_fail(error, "%s: no .eh_frame section", file->path);
	struct xmig_cfi *cfi = calloc(1, sizeof *cfi);
	if (!cfi)
		return xmig_fail(error, "%s: out of memory reading .eh_frame", file->path);
	cfi->path = file->path;

	/* libdwarf reads the file through its own ELF reader, so a binary of
	 * either ISA opens on any host; it never closes the descriptor. */
	Dwarf_Error dwarf_error = NULL;
	int result = dwarf_init_b(file->descriptor, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL,
	                          &cfi->debug, &dwarf_error);
	if (result != DW_DLV_OK) {
		free(cfi);
		if (result == DW_DLV_NO_ENTRY)
			return xmig_fail(error, "%s: libdwarf finds no frame section", file->path);
		return fail_dwarf(NULL, dwarf_error, error, file->path, "opening");
	}
	/* The defaults fit no ISA in particular: a table large enough for
	 * aarch64's v registers, and registers no rule names keep their value,
	 * as the psABIs say of callee-saved registers (so that an explicit
	 * DW_CFA_undefined stays visible). */
	dwarf_set_frame_rule_table_size(cfi->debug, XMIG_CFI_MAX_REGISTERS);
	dwarf_set_frame_rule_initial_value(cfi->debug, DW_FRAME_SAME_VAL);
	dwarf_set_frame_cfa_value(cfi->debug, DW_FRAME_CFA_COL3);

	result = dwarf_get_fde_list_eh(cfi->debug, &cfi->cies, &cfi->cie_count, &cfi->fdes,
	                               &cfi->fde_count, &dwarf_error);
	if (result != DW_DLV_OK || cfi->fde_count <= 0) {
		if (result == DW_DLV_ERROR)
			fail_dwarf(cfi->debug, dwarf_error, error, file->path, "reading FDEs");
		else
			xmig_fail(error, "%s: .eh_frame holds no FDE", file->path);
		xmig_cfi_close(cfi);
		return -1;
	}
	if (load_ranges(cfi, error) != 0) {
		xmig_cfi_close(cfi);
		return -1;
	}
	*cfi_out = cfi;
	return 0;
}

void xmig_cfi_close(struct xmig_cfi *cfi)
{
	if (!cfi)
		return;
	if (cfi->fdes)
		dwarf_fde_cie_list_dealloc(cfi->debug, cfi->cies, cfi->cie_count, cfi->fdes,
		                           cfi->fde_count);
	if (cfi->debug)
		dwarf_finish(cfi->debug, NULL);
	free(cfi->ranges);
	free(cfi);
}

size_t xmig_cfi_fde_count(const struct xmig_cfi *cfi)
{
	return (size_t)cfi->fde_count;
}

struct xmig_cfi_range xmig_cfi_fde_range(const struct xmig_cfi *cfi, size_t index)
{
	return cfi->ranges[index];
}

static struct xmig_cfi_rule rule_of(const Dwarf_Regtable_Entry3 *entry)
{
	/* Offsets arrive already scaled by the data alignment factor, as
	 * unsigned: they are two's-complement signed values. */
	int64_t offset = (int64_t)entry->dw_offset_or_block_len;
	switch (entry->dw_value_type) {
	case DW_EXPR_OFFSET:
		if (entry->dw_regnum == DW_FRAME_SAME_VAL)
			return (struct xmig_cfi_rule){XMIG_CFI_SAME_VALUE, 0, 0};
		if (entry->dw_regnum == DW_FRAME_UNDEFINED_VAL)
			return (struct xmig_cfi_rule){XMIG_CFI_UNDEFINED, 0, 0};
		if (entry->dw_offset_relevant)
			return (struct xmig_cfi_rule){XMIG_CFI_OFFSET, offset, 0};
		return (struct xmig_cfi_rule){XMIG_CFI_REGISTER, 0, entry->dw_regnum};
	case DW_EXPR_VAL_OFFSET:
		return (struct xmig_cfi_rule){XMIG_CFI_VAL_OFFSET, offset, 0};
	default: /* DW_EXPR_EXPRESSION, DW_EXPR_VAL_EXPRESSION */
		return (struct xmig_cfi_rule){XMIG_CFI_EXPRESSION, 0, 0};
	}
}

/* Where the row that holds pc ends: libdwarf reports the next row's start
 * only from its single-column queries. */
static int row_end(struct xmig_cfi *cfi, Dwarf_Fde fde, uint64_t pc, struct xmig_cfi_row *row,
                   struct xmig_error *error)
{
	Dwarf_Small value_type;
	Dwarf_Signed offset_relevant, reg, offset;
	Dwarf_Ptr block;
	Dwarf_Addr row_pc, next_pc = 0;
	Dwarf_Bool more_rows = 0;
	Dwarf_Error dwarf_error = NULL;
	if (dwarf_get_fde_info_for_cfa_reg3_b(fde, pc, &value_type, &offset_relevant, &reg, &offset,
	                                      &block, &row_pc, &more_rows, &next_pc,
	                                      &dwarf_error) != DW_DLV_OK)
		return fail_dwarf(cfi->debug, dwarf_error, error, cfi->path,
		                  "running an FDE's instructions");
	row->pc_high = row->function_high;
	if (more_rows && next_pc > pc && next_pc < row->function_high)
		row->pc_high = next_pc;
	return 0;
}

static int fill_row(struct xmig_cfi *cfi, Dwarf_Fde fde, uint64_t pc, struct xmig_cfi_row *row,
                    struct xmig_error *error)
{
	Dwarf_Regtable_Entry3 entries[XMIG_CFI_MAX_REGISTERS];
	Dwarf_Regtable3 table = {.rt3_reg_table_size = XMIG_CFI_MAX_REGISTERS,
	                         .rt3_rules = entries};
	Dwarf_Addr row_pc;
	Dwarf_Error dwarf_error = NULL;
	if (dwarf_get_fde_info_for_all_regs3(fde, pc, &table, &row_pc, &dwarf_error) != DW_DLV_OK)
		return fail_dwarf(cfi->debug, dwarf_error, error, cfi->path,
		                  "running an FDE's instructions");
	if (row_pc > pc || row_pc < row->function_low)
		return xmig_fail(error,
		                 "%s: .eh_frame: the row for pc 0x%" PRIx64 " starts at 0x%" PRIx64
		                 ", outside its FDE",
		                 cfi->path, pc, (uint64_t)row_pc);
	row->pc_low = row_pc;
	if (row_end(cfi, fde, pc, row, error) != 0)
		return -1;

	const Dwarf_Regtable_Entry3 *cfa = &table.rt3_cfa_rule;
	if (cfa->dw_value_type != DW_EXPR_OFFSET)
		return xmig_fail(error,
		                 "%s: .eh_frame: the CFA at pc 0x%" PRIx64
		                 " is a DWARF expression, which xmig does not evaluate",
		                 cfi->path, pc);
	if (cfa->dw_regnum >= XMIG_CFI_MAX_REGISTERS)
		return xmig_fail(error, "%s: .eh_frame: no CFA rule at pc 0x%" PRIx64, cfi->path,
		                 pc);
	row->cfa_register = cfa->dw_regnum;
	row->cfa_offset = cfa->dw_offset_relevant ? (int64_t)cfa->dw_offset_or_block_len : 0;
	for (unsigned i = 0; i < XMIG_CFI_MAX_REGISTERS; i++)
		row->rules[i] = rule_of(&entries[i]);
	return 0;
}

static int return_address_register(struct xmig_cfi *cfi, Dwarf_Fde fde, unsigned *reg,
                                   struct xmig_error *error)
{
	Dwarf_Cie cie;
	Dwarf_Unsigned cie_size, code_alignment, instructions_size;
	Dwarf_Small version;
	char *augmentation;
	Dwarf_Signed data_alignment;
	Dwarf_Half column, offset_size;
	Dwarf_Ptr instructions;
	Dwarf_Error dwarf_error = NULL;
	if (dwarf_get_cie_of_fde(fde, &cie, &dwarf_error) != DW_DLV_OK ||
	    dwarf_get_cie_info_b(cie, &cie_size, &version, &augmentation, &code_alignment,
	                         &data_alignment, &column, &instructions, &instructions_size,
	                         &offset_size, &dwarf_error) != DW_DLV_OK)
		return fail_dwarf(cfi->debug, dwarf_error, error, cfi->path, "reading a CIE");
	if (column >= XMIG_CFI_MAX_REGISTERS)
		return xmig_fail(error, "%s: .eh_frame: return-address column %u out of range",
		                 cfi->path, column);
	*reg = column;
	return 0;
}

int xmig_cfi_row_at(struct xmig_cfi *cfi, uint64_t pc, struct xmig_cfi_row *row,
                    struct xmig_error *error)
{
	memset(row, 0, sizeof *row);
	Dwarf_Fde fde;
	Dwarf_Addr low, last;
	Dwarf_Error dwarf_error = NULL;
	int result = dwarf_get_fde_at_pc(cfi->fdes, pc, &fde, &low, &last, &dwarf_error);
	if (result == DW_DLV_ERROR)
		return fail_dwarf(cfi->debug, dwarf_error, error, cfi->path, "finding an FDE");
	if (result != DW_DLV_OK)
		return xmig_fail(error, "%s: .eh_frame: no FDE covers pc 0x%" PRIx64, cfi->path,
		                 pc);
	/* libdwarf's upper bound is the FDE's last byte. */
	row->function_low = low;
	row->function_high = last + 1;
	if (return_address_register(cfi, fde, &row->return_address_register, error) != 0)
		return -1;
	return fill_row(cfi, fde, pc, row, error);
}
