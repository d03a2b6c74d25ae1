#define _POSIX_C_SOURCE 200809L
#include "toolchain.h"

#include "../prefix.h"

#include <elf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__)
#define HOST_ISA XMIG_X86_64
#elif defined(__aarch64__)
#define HOST_ISA XMIG_AARCH64
#else
#error "xmig-cc runs on x86_64 and aarch64 hosts only"
#endif

static const char *const isa_names[XMIG_ISA_COUNT] = {"x86_64", "aarch64"};
static const int isa_machines[XMIG_ISA_COUNT] = {EM_X86_64, EM_AARCH64};

const char *xmig_isa_name(enum xmig_isa isa)
{
	return isa_names[isa];
}

int xmig_isa_machine(enum xmig_isa isa)
{
	return isa_machines[isa];
}

enum xmig_isa xmig_host_isa(void)
{
	return HOST_ISA;
}

enum xmig_isa xmig_foreign_isa(void)
{
	return HOST_ISA == XMIG_X86_64 ? XMIG_AARCH64 : XMIG_X86_64;
}

/* The environment may point at another LLVM 19 than the one the build found,
 * as the tests and the installed-prefix check do with XMIG_CLANG. */
static const char *tool(const char *variable, const char *configured)
{
	const char *chosen = getenv(variable);
	return chosen && *chosen ? chosen : configured;
}

int xmig_toolchain_init(struct xmig_toolchain *toolchain)
{
	char prefix[PATH_MAX];
	if (xmig_find_prefix("xmig-cc", prefix, sizeof prefix) != 0)
		return -1;
	/* A prefix of "/" would otherwise give "//bin/...". */
	const char *base = strcmp(prefix, "/") == 0 ? "" : prefix;

	toolchain->clang = tool("XMIG_CLANG", XMIG_CLANG_PATH);
	toolchain->objcopy = tool("XMIG_OBJCOPY", XMIG_OBJCOPY_PATH);
	toolchain->ar = tool("XMIG_AR", XMIG_AR_PATH);
	toolchain->plugin = xmig_format("%s/lib/migpoint.so", base);
	toolchain->align = xmig_format("%s/bin/xmig-align", base);
	toolchain->check = xmig_format("%s/bin/xmig-check", base);
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		toolchain->runtime[isa] = xmig_format("%s/lib/%s/libxmig.a", base, isa_names[isa]);
	xmig_list_add_words(&toolchain->program_flags, XMIG_PROGRAM_CFLAGS);
	/* xmig's own <setjmp.h> before the C library's (runtime/libc/). */
	toolchain->libc_include = xmig_format("%s/include/xmig/libc", base);
	xmig_list_add(&toolchain->program_flags, "-isystem");
	xmig_list_add(&toolchain->program_flags, toolchain->libc_include);
	return 0;
}

int xmig_toolchain_require(const char *path)
{
	if (access(path, R_OK) == 0)
		return 0;
	fprintf(stderr,
	        "xmig-cc: %s is missing: this xmig installation is incomplete (reinstall it, or "
	        "build the whole xmig tree)\n",
	        path);
	return -1;
}
