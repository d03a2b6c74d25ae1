/* The program's real main: prepares the fixed ranges, then runs the program's
 * own main (renamed __xmig_main by the plugin) on the runtime's native stack. */
#define _GNU_SOURCE
#include "file_streams.h"
#include "jump_buffer.h"
#include "restore.h"
#include "trigger.h"
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

/* The program keeps pointers to its arguments and environment, and those
 * must stay valid after a migration: copies in the heap arena migrate with
 * it, libc's originals on the process stack do not. */
static char **copy_strings(char **strings)
{
	size_t count = 0;
	while (strings[count])
		count++;
	char **copy = malloc((count + 1) * sizeof *copy);
	if (!copy)
		return NULL;
	for (size_t i = 0; i < count; i++)
		if (!(copy[i] = strdup(strings[i])))
			return NULL;
	copy[count] = NULL;
	return copy;
}

int main(int argc, char **argv, char **envp)
{
	reserve_or_exit(&xmig_heap_arena_range);
	reserve_or_exit(&xmig_data_stack_range);
	reserve_or_exit(&xmig_native_stack_range);
	if (xmig_trigger_init() != 0)
		exit(XMIG_EXIT_STARTUP_FAILED);

	const char *image = getenv("XMIG_RESTORE");
	if (image && *image)
		xmig_restore(image);

	__xmig_data_stack_pointer = (char *)xmig_data_stack_range.base;
	xmig_jump_buffers_start();
	char **arguments = copy_strings(argv);
	char **environment = copy_strings(envp);
	if (!arguments || !environment) {
		fputs("xmig: no memory to copy the arguments and environment\n", stderr);
		exit(XMIG_EXIT_STARTUP_FAILED);
	}
	xmig_file_streams_adopt_standard();
	xmig_trigger_announce_ready();
	xmig_enter_main(xmig_range_usable_end(&xmig_native_stack_range), argc, arguments,
	                environment);
}
