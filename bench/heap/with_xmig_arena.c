/* Linked into the benchmark's xmig build only: maps the heap arena before
 * main, as the runtime's own main does, so that the benchmark itself is the
 * same source in both builds. */
#include "xmig/ranges.h"

#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void reserve_heap_arena(void)
{
	if (xmig_reserve_range(&xmig_heap_arena_range) != 0) {
		perror("heap_bench: cannot map the heap arena");
		exit(1);
	}
}
