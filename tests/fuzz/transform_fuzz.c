/* libFuzzer target for the transformer: images whose native stack, notes and
 * registers are anything at all, their checksum recomputed so that mutations
 * get past it, transformed from one real binary to its other-ISA pair (given
 * by XMIG_FUZZ_FROM and XMIG_FUZZ_TO). Every return address, frame pointer,
 * save slot and value the unwinder follows comes from the input: it must
 * refuse or succeed without reading outside what it owns (AddressSanitizer)
 * and without undefined behaviour (UBSan). */
#include "checksum.h"
#include "xmig/program.h"
#include "xmig/transform.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct xmig_program source, destination;

static void load(const char *variable, struct xmig_program *program)
{
	const char *path = getenv(variable);
	struct xmig_error error;
	if (!path || xmig_program_load(path, program, &error) != 0) {
		fprintf(stderr, "transform_fuzz: set %s to an xmig binary (%s)\n", variable,
		        path ? error.message : "unset");
		exit(2);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	load("XMIG_FUZZ_FROM", &source);
	load("XMIG_FUZZ_TO", &destination);
	return 0;
}

static void recompute_checksum(uint8_t *data, size_t size)
{
	if (size < sizeof(Elf64_Ehdr) + sizeof(Elf64_Nhdr) + 16)
		return;
	memset(data + size - 8, 0, 8);
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, data, size);
	uint64_t value = xmig_checksum_final(&sum);
	memcpy(data + size - 8, &value, sizeof value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	recompute_checksum(copy, size);
	struct xmig_transform_result result;
	struct xmig_error error;
	if (xmig_transform(copy, size, &source, &destination, NULL, &result, &error) == 0) {
		/* Accepted: the image it wrote must parse back. */
		struct xmig_image image;
		char message[256];
		if (xmig_image_parse(result.image, result.size, &image, message, sizeof message) !=
		    0)
			abort();
		xmig_transform_result_free(&result);
	}
	free(copy);
	return 0;
}
