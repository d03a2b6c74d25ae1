/* Stresses: a program that never names malloc or free, while libc allocates
 * for it (strdup, asprintf, getline, a FILE and its buffer). Those blocks
 * must come from xmig's heap in the arena, or they would not migrate:
 * glibc's own allocator must not be linked at all. */
#define _GNU_SOURCE
#include "xmig/layout.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int outside;

static void show(const char *what, const void *block)
{
	int inside = (uintptr_t)block - XMIG_HEAP_ARENA_BASE < XMIG_HEAP_ARENA_SIZE;
	outside += !inside;
	printf("%-10s %s\n", what, inside ? "in the heap arena" : "OUTSIDE the heap arena");
}

int main(int argc, char **argv)
{
	(void)argc;
	show("argv", argv);
	show("strdup", strdup("copied by libc"));
	char *formatted = NULL;
	if (asprintf(&formatted, "%s %d", "formatted", 7) > 0)
		show("asprintf", formatted);
	FILE *stream = fmemopen("one line\nanother\n", 17, "r");
	show("fmemopen", stream);
	char *line = NULL;
	size_t capacity = 0;
	if (stream != NULL && getline(&line, &capacity, stream) > 0)
		show("getline", line);
	return outside == 0 ? 0 : 1;
}
