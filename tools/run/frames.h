/* What two xmig-runs say to each other over ssh: the one where the program
 * started, and `xmig-run --serve` on the other host. Each frame is a type
 * byte, a 32-bit little-endian length and that many bytes.
 *
 *   to the host:    I image (the first frame), M migrate back, S signal (1 byte)
 *   from the host:  R restored and running, O standard output,
 *                   I image (the program captured, coming back),
 *                   X the program ended (its wait status, 4 bytes)
 *
 * Standard error is not framed: it is ssh's own standard error. */
#ifndef XMIG_RUN_FRAMES_H
#define XMIG_RUN_FRAMES_H

#include <stddef.h>
#include <stdint.h>

enum run_frame_type {
	RUN_FRAME_IMAGE = 'I',
	RUN_FRAME_MIGRATE = 'M',
	RUN_FRAME_SIGNAL = 'S',
	RUN_FRAME_READY = 'R',
	RUN_FRAME_OUTPUT = 'O',
	RUN_FRAME_EXIT = 'X',
};

/* Writes a whole frame (waiting while the descriptor is full). 0, or -1 with
 * errno set. */
int run_frame_write(int descriptor, enum run_frame_type type, const void *payload, size_t size);

struct run_frame_reader {
	uint8_t header[5];
	size_t header_size;
	uint8_t *payload;
	size_t size, expected;
	double first_byte; /* run_now() when the frame began */
};

/* Reads what the descriptor has. 1 when a frame is complete: its type is
 * header[0] and its bytes payload/size, which the caller may take (set
 * payload to NULL) before run_frame_next. 0 when more is to come, -1 at end
 * of file (errno 0) or on an error. */
int run_frame_read(struct run_frame_reader *reader, int descriptor);

/* Forgets the frame just read and gets ready for the next. */
void run_frame_next(struct run_frame_reader *reader);

#endif
