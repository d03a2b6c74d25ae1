/* Memory for what is allocated before the arena exists: libc's own start-up,
 * mostly. It lives in the runtime's ordinary data, so it never migrates; its
 * blocks are never reused (there are a handful). */
#ifndef XMIG_HEAP_BOOTSTRAP_H
#define XMIG_HEAP_BOOTSTRAP_H

#include <stdint.h>

/* alignment: a power of two. Returns NULL with errno set when the area is
 * exhausted. */
void *xmig_heap_bootstrap_alloc(uint64_t size, uint64_t alignment);

int xmig_heap_bootstrap_contains(const void *pointer);

/* For a block of the area: its size as requested. */
uint64_t xmig_heap_bootstrap_usable_size(const void *block);

#endif
