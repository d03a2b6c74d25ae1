/* libFuzzer target for the image reader (runtime/image_reader.c). Every input
 * is parsed twice: as it is, which mostly exercises the checksum, and with its
 * checksum recomputed, so that mutations reach the parser behind it. The
 * reader must reject or accept without reading outside the input
 * (AddressSanitizer) and without undefined behaviour (UBSan). */
#include "checksum.h"
#include "xmig/image_reader.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

static void recompute_checksum(uint8_t *data, size_t size)
{
	const size_t trailer_size = sizeof(Elf64_Nhdr) + 8 + 8;
	Elf64_Ehdr elf;
	if (size < sizeof elf + trailer_size)
		return;
	memcpy(&elf, data, sizeof elf);
	uint64_t field = size - 8;
	memset(data + field, 0, 8);
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, data, size);
	uint64_t value = xmig_checksum_final(&sum);
	memcpy(data + field, &value, sizeof value);
}

static void parse(const uint8_t *data, size_t size)
{
	struct xmig_image image;
	char error[256];
	if (xmig_image_parse(data, size, &image, error, sizeof error) != 0)
		return;
	/* Accepted: everything the restore would touch must be readable. */
	volatile uint8_t sink = 0;
	for (size_t i = 0; i < image.load_count; i++) {
		struct xmig_image_load load;
		xmig_image_load_at(&image, i, &load);
		if (load.file_size)
			sink ^= load.bytes[0] ^ load.bytes[load.file_size - 1];
	}
	size_t cursor = 0;
	struct xmig_image_file file;
	const char *path;
	const uint8_t *contents;
	uint64_t contents_size;
	while (xmig_image_next_file(&image, &cursor, &file, &path, &contents, &contents_size) ==
	       0) {
		sink ^= (uint8_t)strlen(path);
		/* Every byte of an anonymous file's contents is in the image. */
		if (contents_size)
			sink ^= contents[0] ^ contents[contents_size - 1];
	}
	sink ^= (uint8_t)strlen(image.cwd) ^ (uint8_t)strlen(image.binary_path);
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse(data, size);
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	recompute_checksum(copy, size);
	parse(copy, size);
	free(copy);
	return 0;
}
