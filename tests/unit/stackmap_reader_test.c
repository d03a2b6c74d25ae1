/* The stack-map reader on damaged input: every truncation and every single
 * flipped byte of a real section either parses or is refused with a message,
 * never read out of bounds (this test runs under AddressSanitizer). */
#include "check.h"
#include "whole_file.h"
#include "xmig/sites.h"
#include "xmig/stackmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses a copy of exactly `size` bytes, so that any read past it faults. */
static int parse_copy(const uint8_t *data, size_t size, struct xmig_error *error)
{
	uint8_t *copy = malloc(size ? size : 1);
	CHECK(copy != NULL);
	memcpy(copy, data, size);
	struct xmig_stackmap stackmap;
	int result = xmig_stackmap_parse(copy, size, "test", &stackmap, error);
	if (result == 0) {
		struct xmig_site_table sites;
		if (xmig_sites_decode(&stackmap, "test", &sites, error) == 0)
			xmig_sites_free(&sites);
		xmig_stackmap_free(&stackmap);
	} else {
		CHECK(error->message[0] != '\0');
	}
	free(copy);
	return result;
}

int main(int argc, char **argv)
{
	CHECK(argc == 2);
	size_t size;
	uint8_t *section = read_whole_file(argv[1], &size);
	struct xmig_error error = {{0}};

	struct xmig_stackmap stackmap;
	CHECK(xmig_stackmap_parse(section, size, "test", &stackmap, &error) == 0);
	CHECK(stackmap.blob_count >= 2);
	CHECK(stackmap.record_count > 0);
	struct xmig_site_table sites;
	CHECK(xmig_sites_decode(&stackmap, "test", &sites, &error) == 0);
	CHECK(sites.count == stackmap.record_count);
	xmig_sites_free(&sites);
	xmig_stackmap_free(&stackmap);

	/* A cut inside a blob is always an error; a cut between blobs is a
	 * shorter valid section. */
	size_t refused = 0;
	for (size_t length = 1; length < size; length++) {
		memset(&error, 0, sizeof error);
		refused += parse_copy(section, length, &error) != 0;
	}
	CHECK(refused > size / 2);

	uint8_t *damaged = malloc(size);
	CHECK(damaged != NULL);
	for (size_t at = 0; at < size; at++)
		for (unsigned bit = 0; bit < 8; bit += 3) {
			memcpy(damaged, section, size);
			damaged[at] ^= (uint8_t)(1u << bit);
			memset(&error, 0, sizeof error);
			parse_copy(damaged, size, &error);
		}

	/* A wrong version is named in the message. */
	memcpy(damaged, section, size);
	damaged[0] = 2;
	memset(&error, 0, sizeof error);
	CHECK(parse_copy(damaged, size, &error) != 0);
	CHECK(strstr(error.message, "version 2, expected 3") != NULL);

	free(damaged);
	free(section);
	puts("stackmap_reader_test: all checks passed");
	return 0;
}
