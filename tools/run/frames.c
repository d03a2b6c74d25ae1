#define _GNU_SOURCE
#include "frames.h"

#include "image_file.h"
#include "image_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the 32-bit length can say. */
#define FRAME_LIMIT 0xffffffffu

int run_frame_write(int descriptor, enum run_frame_type type, const void *payload, size_t size)
{
	if (size > FRAME_LIMIT)
		return errno = EFBIG, -1;
	uint8_t header[5] = {(uint8_t)type, (uint8_t)size, (uint8_t)(size >> 8),
	                     (uint8_t)(size >> 16), (uint8_t)(size >> 24)};
	if (xmig_write_all(descriptor, header, sizeof header) != 0)
		return -1;
	return size ? xmig_write_all(descriptor, payload, size) : 0;
}

void run_frame_next(struct run_frame_reader *reader)
{
	free(reader->payload);
	memset(reader, 0, sizeof *reader);
}

static int read_some(int descriptor, uint8_t *into, size_t want, size_t *got)
{
	for (;;) {
		ssize_t n = read(descriptor, into, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return *got = 0, 0;
		if (n <= 0)
			return n == 0 ? (errno = 0, -1) : -1;
		*got = (size_t)n;
		return 0;
	}
}

int run_frame_read(struct run_frame_reader *reader, int descriptor)
{
	while (reader->header_size < sizeof reader->header) {
		size_t got;
		if (read_some(descriptor, reader->header + reader->header_size,
		              sizeof reader->header - reader->header_size, &got) != 0)
			return -1;
		if (got == 0)
			return 0;
		if (reader->header_size == 0)
			reader->first_byte = run_now();
		reader->header_size += got;
		if (reader->header_size == sizeof reader->header) {
			reader->expected =
			        (size_t)reader->header[1] | (size_t)reader->header[2] << 8 |
			        (size_t)reader->header[3] << 16 | (size_t)reader->header[4] << 24;
			reader->payload = malloc(reader->expected ? reader->expected : 1);
			if (!reader->payload)
				return errno = ENOMEM, -1;
		}
	}
	while (reader->size < reader->expected) {
		size_t got;
		if (read_some(descriptor, reader->payload + reader->size,
		              reader->expected - reader->size, &got) != 0)
			return -1;
		if (got == 0)
			return 0;
		reader->size += got;
	}
	return 1;
}
