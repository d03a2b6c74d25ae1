/* The two ISAs and every program xmig-cc runs: LLVM's tools at the paths the
 * build found (or where the environment says), xmig's own tools from the
 * prefix this driver belongs to. */
#ifndef XMIG_DRIVER_TOOLCHAIN_H
#define XMIG_DRIVER_TOOLCHAIN_H

#include "list.h"

enum xmig_isa { XMIG_X86_64, XMIG_AARCH64 };
#define XMIG_ISA_COUNT 2

const char *xmig_isa_name(enum xmig_isa isa);
/* The ELF e_machine of the ISA's objects. */
int xmig_isa_machine(enum xmig_isa isa);
/* The ISA this driver runs on, whose binary a program's plain name gets. */
enum xmig_isa xmig_host_isa(void);
/* The ISA whose objects ride inside the host ISA's in a fat object. */
enum xmig_isa xmig_foreign_isa(void);

struct xmig_toolchain {
	const char *clang;
	const char *objcopy;
	const char *ar;
	char *plugin;
	char *libc_include; /* xmig's C library headers, before the system's */
	char *align;
	char *check;
	char *runtime[XMIG_ISA_COUNT];
	/* XMIG_PROGRAM_CFLAGS, one flag per item. */
	struct xmig_list program_flags;
};

/* Fills in every path; prints a message and returns -1 when the prefix
 * cannot be found. Whether the files exist is checked by
 * xmig_toolchain_require, when a step needs them. */
int xmig_toolchain_init(struct xmig_toolchain *toolchain);
/* Returns -1 with a message when path, a part of xmig, is missing. */
int xmig_toolchain_require(const char *path);

#endif
