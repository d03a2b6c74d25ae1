#define _GNU_SOURCE
#include "xmig/image_memory.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void xmig_image_memory_get(struct xmig_image_memory *memory, size_t size)
{
	memory->size = size;
	memory->descriptor = memfd_create("xmig-image", MFD_CLOEXEC);
	if (memory->descriptor >= 0) {
		void *mapped = MAP_FAILED;
		if (ftruncate(memory->descriptor, (off_t)size) == 0)
			mapped = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			              memory->descriptor, 0);
		if (mapped != MAP_FAILED) {
			memory->bytes = mapped;
			return;
		}
		close(memory->descriptor);
		memory->descriptor = -1;
	}
	/* No memory files (an old kernel, a seccomp policy, a full tmpfs):
	 * the caller copies the image into whatever it needs. */
	memory->bytes = calloc(1, size);
}

void xmig_image_memory_put(struct xmig_image_memory *memory)
{
	if (memory->descriptor >= 0) {
		munmap(memory->bytes, memory->size);
		close(memory->descriptor);
	} else {
		free(memory->bytes);
	}
	memory->bytes = NULL;
	memory->size = 0;
	memory->descriptor = -1;
}
