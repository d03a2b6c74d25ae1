/* Whether this process allocates from the arena yet, and the arena's
 * header. */
#ifndef XMIG_HEAP_ARENA_H
#define XMIG_HEAP_ARENA_H

#include <stdint.h>

/* Non-zero once the arena is mapped and holds a heap. Not heap state: each
 * process finds out for itself (the runtime's main maps the arena after
 * libc's start-up has already allocated). */
extern int xmig_heap_attached;

/* Attaches to the arena if it is mapped: adopts the heap it holds (one that
 * migrated here, say), or makes an empty heap in a blank arena. Returns 0
 * when attached, -1 while the arena is not mapped. */
int xmig_heap_attach(void);

/* Caps the arena at the first `bytes` from its base (at least the part in
 * use, at most all of it), for tests that exhaust it. Returns the previous
 * cap. The heap must be attached. */
uint64_t xmig_heap_set_limit(uint64_t bytes);

#endif
