/* The program's real main: prepares the fixed ranges, then runs the program's
 * own main (renamed __xmig_main by the plugin) on the runtime's native stack. */
#include "xmig/layout.h"
#include "xmig/ranges.h"
#include "xmig/runtime.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* arch/<isa>/enter_main.S: switches to stack_top, calls __xmig_main and exits
 * with its result. It never returns, because the frames below it belong to
 * libc's start-up on this ISA and do not migrate. */
_Noreturn void xmig_enter_main(uintptr_t stack_top, int argc, char **argv, char **envp);

static void reserve_or_exit(const struct xmig_range *range)
{
	if (xmig_reserve_range(range) == 0)
		return;

	int reason = errno;
	fprintf(stderr, "xmig: cannot reserve the %s at %#lx-%#lx: %s\n", range->name,
	        (unsigned long)range->base, (unsigned long)(range->base + range->size),
	        reason == EEXIST ? "another mapping already uses part of it" : strerror(reason));
	fprintf(stderr, "xmig: the program cannot run without its fixed ranges "
	                "(see docs/memory-layout.md)\n");
	exit(XMIG_EXIT_STARTUP_FAILED);
}

int main(int argc, char **argv, char **envp)
{
	reserve_or_exit(&xmig_heap_arena_range);
	reserve_or_exit(&xmig_data_stack_range);
	reserve_or_exit(&xmig_native_stack_range);

	__xmig_data_stack_pointer = (char *)xmig_data_stack_range.base;
	xmig_enter_main(xmig_range_usable_end(&xmig_native_stack_range), argc, argv, envp);
}
