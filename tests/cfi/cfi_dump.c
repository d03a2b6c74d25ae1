/* cfi_dump BINARY [PC...]
 *
 * Prints the CFI rows that xmig's reader sees, in the canonical form that
 * normalise-dwarfdump turns llvm-dwarfdump's output into: every row of every
 * FDE, or the row in effect at each PC given. Registers carry xmig's names;
 * rules that keep a register's value are left out, as llvm-dwarfdump does.
 *
 *   fde 0x2000000-0x20002cb
 *   0x2000000-0x2000001: CFA=rsp+8: rip=[CFA-8]
 *   0x24b7bf-0x24b7c9: CFA=expr
 */
#include "xmig/cfi.h"
#include "xmig/elf_file.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *register_name(const struct xmig_isa *isa, unsigned reg, char *buffer,
                                 size_t size)
{
	const char *name = xmig_isa_register_name(isa, reg);
	if (name)
		return name;
	snprintf(buffer, size, "reg%u", reg);
	return buffer;
}

static void print_offset(const char *base, int64_t offset)
{
	if (offset == 0)
		printf("%s", base);
	else
		printf("%s%+" PRId64, base, offset);
}

static void print_rule(const struct xmig_isa *isa, const struct xmig_cfi_rule *rule)
{
	char buffer[16];
	switch (rule->kind) {
	case XMIG_CFI_SAME_VALUE:
		printf("same");
		break;
	case XMIG_CFI_UNDEFINED:
		printf("undefined");
		break;
	case XMIG_CFI_OFFSET:
		printf("[");
		print_offset("CFA", rule->offset);
		printf("]");
		break;
	case XMIG_CFI_VAL_OFFSET:
		print_offset("CFA", rule->offset);
		break;
	case XMIG_CFI_REGISTER:
		printf("%s", register_name(isa, rule->reg, buffer, sizeof buffer));
		break;
	case XMIG_CFI_EXPRESSION:
		printf("expr");
		break;
	}
}

/* Prints the row at pc; returns where the next row starts, or 0 on error. */
static uint64_t print_row(struct xmig_cfi *cfi, const struct xmig_isa *isa, uint64_t pc)
{
	struct xmig_cfi_row row;
	struct xmig_error error = {{0}};
	char buffer[16];
	int result = xmig_cfi_row_at(cfi, pc, &row, &error);
	/* A row whose CFA is an expression is refused, but still has its extent. */
	if (result != 0 && !strstr(error.message, "is a DWARF expression")) {
		fprintf(stderr, "cfi_dump: %s\n", error.message);
		return 0;
	}
	if (row.pc_low > pc || row.pc_high <= pc) {
		fprintf(stderr,
		        "cfi_dump: the row for pc 0x%" PRIx64 " is [0x%" PRIx64 ", 0x%" PRIx64
		        ")\n",
		        pc, row.pc_low, row.pc_high);
		return 0;
	}
	printf("0x%" PRIx64 "-0x%" PRIx64 ": CFA=", row.pc_low, row.pc_high);
	if (result != 0) {
		printf("expr\n");
		return row.pc_high;
	}
	print_offset(register_name(isa, row.cfa_register, buffer, sizeof buffer), row.cfa_offset);
	const char *separator = ": ";
	for (unsigned reg = 0; reg < XMIG_CFI_MAX_REGISTERS; reg++) {
		if (row.rules[reg].kind == XMIG_CFI_SAME_VALUE)
			continue;
		printf("%s%s=", separator, register_name(isa, reg, buffer, sizeof buffer));
		print_rule(isa, &row.rules[reg]);
		separator = ", ";
	}
	printf("\n");
	return row.pc_high;
}

static int dump_every_fde(struct xmig_cfi *cfi, const struct xmig_isa *isa)
{
	for (size_t i = 0; i < xmig_cfi_fde_count(cfi); i++) {
		struct xmig_cfi_range range = xmig_cfi_fde_range(cfi, i);
		printf("fde 0x%" PRIx64 "-0x%" PRIx64 "\n", range.low, range.high);
		for (uint64_t pc = range.low; pc < range.high;) {
			uint64_t next = print_row(cfi, isa, pc);
			if (next <= pc)
				return 1;
			pc = next;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: cfi_dump BINARY [PC...]\n");
		return 2;
	}
	struct xmig_elf_file file;
	struct xmig_cfi *cfi;
	struct xmig_error error = {{0}};
	if (xmig_elf_open(argv[1], &file, &error) != 0 || xmig_cfi_open(&file, &cfi, &error) != 0) {
		fprintf(stderr, "cfi_dump: %s\n", error.message);
		return 1;
	}
	int status = 0;
	if (argc == 2)
		status = dump_every_fde(cfi, file.isa);
	for (int i = 2; i < argc; i++) {
		uint64_t pc = strtoull(argv[i], NULL, 0);
		printf("0x%" PRIx64 " ", pc);
		if (print_row(cfi, file.isa, pc) == 0)
			status = 1;
	}
	xmig_cfi_close(cfi);
	xmig_elf_close(&file);
	return status;
}
