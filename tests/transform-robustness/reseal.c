/* reseal IMAGE
 *   Recomputes an image's trailing checksum in place, as the image writer
 *   does (xmig/image_format.h): over every byte of the file, the checksum's
 *   own 8 bytes counted as zero. A test damages an image's contents on
 *   purpose, then reseals it so that what refuses it is the transformer's
 *   own checks, not the checksum. */
#include "checksum.h"
#include "xmig/image_format.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: reseal IMAGE\n", stderr);
		return 2;
	}
	FILE *file = fopen(argv[1], "r+b");
	if (!file) {
		perror(argv[1]);
		return 2;
	}
	long end = fseek(file, 0, SEEK_END) == 0 ? ftell(file) : -1;
	size_t size = end > 0 ? (size_t)end : 0;
	uint8_t *data = malloc(size + 1);
	if (!data || end < 0 || fseek(file, 0, SEEK_SET) != 0 ||
	    fread(data, 1, size, file) != size) {
		perror(argv[1]);
		return 2;
	}

	/* The trailer: a note header, "XMIG\0" padded to 8, the 8-byte sum. Only
	 * an image that still ends with it is resealed, so a test cannot
	 * "repair" a truncated one by accident. */
	Elf64_Nhdr note;
	const size_t trailer = sizeof note + 8 + 8;
	if (size < trailer) {
		fprintf(stderr, "reseal: %s is too short to be an image\n", argv[1]);
		return 2;
	}
	memcpy(&note, data + size - trailer, sizeof note);
	if (note.n_namesz != 5 || note.n_descsz != 8 || note.n_type != XMIG_NOTE_CHECKSUM ||
	    memcmp(data + size - trailer + sizeof note, XMIG_IMAGE_NOTE_NAME, 5) != 0) {
		fprintf(stderr, "reseal: %s does not end with a checksum note\n", argv[1]);
		return 2;
	}

	uint8_t *field = data + size - 8;
	memset(field, 0, 8);
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, data, size);
	uint64_t value = xmig_checksum_final(&sum);
	if (fseek(file, (long)(size - 8), SEEK_SET) != 0 || fwrite(&value, 8, 1, file) != 1 ||
	    fclose(file) != 0) {
		perror(argv[1]);
		return 2;
	}
	return 0;
}
