/* Call-frame information of a linked binary of either ISA, read from its
 * .eh_frame with libdwarf on any host: for a code address, how to compute the
 * caller's frame (the CFA) and where each register of the caller was saved.
 *
 * The reader knows nothing about any one ISA: registers are DWARF register
 * numbers (names in xmig/isa.h's tables). Format and limits: docs/cfi.md. */
#ifndef XMIG_CFI_H
#define XMIG_CFI_H

#include "xmig/elf_file.h"
#include "xmig/error.h"

#include <stddef.h>
#include <stdint.h>

/* Rules are indexed by DWARF register number: x86_64 uses 0-32 (rip 16,
 * xmm 17-32), aarch64 0-31 and 64-95 (v0-v31); the rest is headroom so that a
 * rule for some other register (say, x86_64's mask registers) does not make a
 * whole function unreadable. */
#define XMIG_CFI_MAX_REGISTERS 128

enum xmig_cfi_rule_kind {
	XMIG_CFI_SAME_VALUE, /* unchanged in the caller: also every register no rule names */
	XMIG_CFI_UNDEFINED,  /* no value: on the return-address register, the outermost frame */
	XMIG_CFI_OFFSET,     /* saved in memory at CFA + offset */
	XMIG_CFI_VAL_OFFSET, /* the value is CFA + offset */
	XMIG_CFI_REGISTER,   /* the value is in register `reg` */
	XMIG_CFI_EXPRESSION, /* a DWARF expression (either kind), not evaluated */
};

struct xmig_cfi_rule {
	enum xmig_cfi_rule_kind kind;
	int64_t offset;
	unsigned reg;
};

/* One row of the table: the rules in effect over [pc_low, pc_high). */
struct xmig_cfi_row {
	uint64_t pc_low, pc_high;
	uint64_t function_low, function_high; /* the FDE's whole range */
	unsigned cfa_register;                /* CFA = cfa_register + cfa_offset */
	int64_t cfa_offset;
	unsigned return_address_register; /* x86_64 16 (rip), aarch64 30 (x30) */
	struct xmig_cfi_rule rules[XMIG_CFI_MAX_REGISTERS];
};

struct xmig_cfi_range {
	uint64_t low, high; /* [low, high) */
};

struct xmig_cfi;

/* Reads the .eh_frame of an open linked binary; the file must stay open until
 * xmig_cfi_close. A binary without .eh_frame, or with no FDE in it, is an
 * error. */
int xmig_cfi_open(struct xmig_elf_file *file, struct xmig_cfi **cfi, struct xmig_error *error);

/* The row in effect at pc, an address inside a function. For a frame found by
 * its return address, pass return_address - 1: a call may be the last
 * instruction of its row (or of its function, when the callee does not
 * return), and the row that begins at the return address describes the code
 * after the call, not the frame during it.
 *
 * Returns 0, or -1 with the error filled in: no FDE covers pc, the CFA is a
 * DWARF expression (then pc_low, pc_high and the function range are still
 * filled in, so that a caller listing rows can step over it), or libdwarf
 * refused the FDE's instructions. */
int xmig_cfi_row_at(struct xmig_cfi *cfi, uint64_t pc, struct xmig_cfi_row *row,
                    struct xmig_error *error);

/* The binary's FDEs in address order, for tools that list every row. */
size_t xmig_cfi_fde_count(const struct xmig_cfi *cfi);
struct xmig_cfi_range xmig_cfi_fde_range(const struct xmig_cfi *cfi, size_t index);

void xmig_cfi_close(struct xmig_cfi *cfi);

#endif
