#include "bootstrap.h"

#include <errno.h>
#include <string.h>

/* glibc 2.36 takes a few hundred bytes to 2 KiB before main; a program that
 * allocates before the runtime's main (in a constructor, say) takes more. */
#define BOOTSTRAP_BYTES (64 * 1024)

/* Each block is preceded by its size. */
#define HEADER_BYTES 16

static _Alignas(16) unsigned char area[BOOTSTRAP_BYTES];
static uint64_t used;

void *xmig_heap_bootstrap_alloc(uint64_t size, uint64_t alignment)
{
	if (alignment < HEADER_BYTES)
		alignment = HEADER_BYTES;
	if (alignment > BOOTSTRAP_BYTES) {
		errno = ENOMEM;
		return NULL;
	}
	uintptr_t base = (uintptr_t)area;
	uint64_t start = ((base + used + HEADER_BYTES + alignment - 1) & ~(alignment - 1)) - base;
	if (start > BOOTSTRAP_BYTES || size > BOOTSTRAP_BYTES - start) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(area + start - HEADER_BYTES, &size, sizeof size);
	used = start + ((size + HEADER_BYTES - 1) & ~(uint64_t)(HEADER_BYTES - 1));
	return area + start;
}

int xmig_heap_bootstrap_contains(const void *pointer)
{
	return (uintptr_t)pointer - (uintptr_t)area < BOOTSTRAP_BYTES;
}

uint64_t xmig_heap_bootstrap_usable_size(const void *block)
{
	uint64_t size;
	memcpy(&size, (const unsigned char *)block - HEADER_BYTES, sizeof size);
	return size;
}
