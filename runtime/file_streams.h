/* FILE streams that migrate (docs/checkpoint.md, "FILE streams").
 *
 * fopen, fdopen, freopen and tmpfile allocate their FILE with malloc, which
 * is the runtime's: the object lies in the heap arena, at the same address
 * on both ISAs, and so do its buffer, its lock and its wide-character data.
 * glibc lays the object out the same way on both LP64 ISAs. What ties it to
 * one process is a few pointers into the C library (its operations table,
 * the wide one) and the C library's list of open streams. At capture, the
 * runtime lists the streams in migrated memory; the destination points them
 * at its own C library's tables and links them into its own list, so the
 * program's FILE * values, positions, modes, buffered bytes, flags and
 * ungetc state carry over, and the destination's exit flushes and closes
 * them. The descriptors under them are restored by process_state.c.
 *
 * stdin and stderr become such streams at start-up (fdopen of 0 and 2), so
 * that a program which keeps them in its memory (Lua's io library does)
 * migrates; stdout stays the C library's, which the aligned link places at
 * one address in both binaries. */
#ifndef XMIG_RUNTIME_FILE_STREAMS_H
#define XMIG_RUNTIME_FILE_STREAMS_H

#include <stdio.h>

/* At start-up, before the program runs. */
void xmig_file_streams_adopt_standard(void);

/* Whether the stream is in migrated memory (and is carried over). */
int xmig_file_stream_migrates(const FILE *stream);

/* Why the open streams cannot be carried over, or NULL; lists them for the
 * destination when they can. Called right before a capture; other_isa when
 * the image may go to the other ISA, where only plain file streams can. */
const char *xmig_file_streams_record(int other_isa);

/* At restore, once migrated memory is in place: the recorded streams belong
 * to this process's C library, and stdin, stdout and stderr are what they
 * were. */
void xmig_file_streams_adopt_migrated(void);

#endif
