#include "exit_handlers.h"

#include "migratable.h"

#include <stdint.h>
#include <stdlib.h>

/* POSIX promises at least 32. */
#define PROGRAM_EXIT_HANDLERS 64

struct program_exit_handlers {
	uint64_t count;
	uint64_t handlers[PROGRAM_EXIT_HANDLERS]; /* void (*)(void) */
};

static struct program_exit_handlers XMIG_MIGRATABLE_ZEROED(program_exit_handlers);
/* Whether this process's libc knows to run them: process state. */
static int handed_to_libc;

extern int __cxa_atexit(void (*function)(void *), void *argument, void *dso_handle);

/* Last registered, first run; a handler may register another, which then
 * runs next, as with libc's own list. */
static void run_program_exit_handlers(void *unused)
{
	(void)unused;
	while (program_exit_handlers.count > 0) {
		uint64_t handler = program_exit_handlers.handlers[--program_exit_handlers.count];
		((void (*)(void))(uintptr_t)handler)();
	}
}

static int hand_to_libc(void)
{
	if (handed_to_libc)
		return 0;
	if (__cxa_atexit(run_program_exit_handlers, NULL, NULL) != 0)
		return -1;
	handed_to_libc = 1;
	return 0;
}

int atexit(void (*function)(void))
{
	if (program_exit_handlers.count == PROGRAM_EXIT_HANDLERS || hand_to_libc() != 0)
		return -1;
	program_exit_handlers.handlers[program_exit_handlers.count++] =
	        (uint64_t)(uintptr_t)function;
	return 0;
}

void xmig_exit_handlers_after_restore(void)
{
	if (program_exit_handlers.count > 0)
		hand_to_libc();
}
