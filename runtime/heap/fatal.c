#include "fatal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Without stdio: stdio itself allocates, and the heap may be what is broken. */
_Noreturn void xmig_heap_fatal(const char *what)
{
	static const char prefix[] = "xmig heap: ";
	ssize_t ignored = write(STDERR_FILENO, prefix, sizeof prefix - 1);
	ignored = write(STDERR_FILENO, what, strlen(what));
	ignored = write(STDERR_FILENO, "\n", 1);
	(void)ignored;
	abort();
}
