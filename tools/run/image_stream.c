#define _GNU_SOURCE
#include "image_stream.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Larger than any image of the fixed ranges (xmig/layout.h). */
#define IMAGE_LIMIT (64ull << 30)

double run_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static void release_bytes(struct run_image *image)
{
	if (image->mapped)
		munmap(image->bytes, image->capacity);
	else
		free(image->bytes);
}

void run_image_reset(struct run_image *image)
{
	release_bytes(image);
	memset(image, 0, sizeof *image);
}

/* Room for `capacity` bytes, keeping those read. An anonymous mapping, with
 * huge pages where the system gives them: an image is written once and soon
 * dropped, and into 4 KiB pages its page faults cost more than the copying. */
static int grow(struct run_image *image, size_t capacity)
{
	uint8_t *grown =
	        mmap(NULL, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (grown == MAP_FAILED)
		return errno = ENOMEM, -1;
	madvise(grown, capacity, MADV_HUGEPAGE);
	if (image->size)
		memcpy(grown, image->bytes, image->size);
	release_bytes(image);
	image->bytes = grown;
	image->capacity = capacity;
	image->mapped = 1;
	return 0;
}

static int learn_size(struct run_image *image)
{
	Elf64_Ehdr header;
	if (image->size < sizeof header)
		return 0;
	memcpy(&header, image->bytes, sizeof header);
	if (memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
	    header.e_phentsize != sizeof(Elf64_Phdr))
		return errno = EIO, -1;
	uint64_t headers_end = header.e_phoff + (uint64_t)header.e_phnum * sizeof(Elf64_Phdr);
	if (headers_end > IMAGE_LIMIT)
		return errno = EIO, -1;
	if (image->size < headers_end)
		return 0;
	uint64_t end = headers_end;
	for (unsigned i = 0; i < header.e_phnum; i++) {
		Elf64_Phdr segment;
		memcpy(&segment, image->bytes + header.e_phoff + i * sizeof segment,
		       sizeof segment);
		if (segment.p_offset > IMAGE_LIMIT || segment.p_filesz > IMAGE_LIMIT)
			return errno = EIO, -1;
		if (segment.p_offset + segment.p_filesz > end)
			end = segment.p_offset + segment.p_filesz;
	}
	image->expected = (size_t)end;
	return 0;
}

int run_image_read(struct run_image *image, int descriptor)
{
	for (;;) {
		if (image->expected && image->size >= image->expected)
			return 1;
		size_t want = image->expected ? image->expected - image->size : 1u << 16;
		if (image->size + want > image->capacity) {
			size_t capacity = image->capacity ? image->capacity : 1u << 20;
			while (capacity < image->size + want)
				capacity *= 2;
			if (grow(image, capacity) != 0)
				return -1;
		}
		ssize_t got = read(descriptor, image->bytes + image->size, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return 0;
		if (got <= 0)
			return got == 0 ? (errno = 0, -1) : -1;
		if (image->size == 0)
			image->first_byte = run_now();
		image->size += (size_t)got;
		if (!image->expected && learn_size(image) != 0)
			return -1;
		if (image->expected && image->size >= image->expected) {
			image->complete = run_now();
			return 1;
		}
	}
}
