/* Reading a whole file into memory for the C unit tests, which feed real
 * binaries and sections to readers; any failure fails the test. */
#ifndef XMIG_TEST_WHOLE_FILE_H
#define XMIG_TEST_WHOLE_FILE_H

#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint8_t *read_whole_file(const char *path, size_t *size)
{
	FILE *stream = fopen(path, "rb");
	CHECK(stream != NULL);
	CHECK(fseek(stream, 0, SEEK_END) == 0);
	long length = ftell(stream);
	CHECK(length > 0);
	rewind(stream);
	uint8_t *data = malloc((size_t)length);
	CHECK(data != NULL);
	CHECK(fread(data, 1, (size_t)length, stream) == (size_t)length);
	fclose(stream);
	*size = (size_t)length;
	return data;
}

#endif
