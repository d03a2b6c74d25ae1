#define _GNU_SOURCE
#include "file_streams.h"

#include "migratable.h"
#include "xmig/layout.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* glibc 2.36's internals, the same on x86_64 and aarch64 (LP64): the list of
 * open streams, the operations tables of a file stream and of its wide part,
 * and its own three streams. A FILE is followed by its table's address
 * (struct _IO_FILE_plus); the wide part (struct _IO_wide_data, 0xe8 bytes)
 * ends with its table's address. The record below checks that each stream
 * it lists has exactly these tables, so a glibc laid out otherwise makes
 * xmig decline, never guess. */
extern FILE *_IO_list_all;
extern const char _IO_file_jumps[], _IO_wfile_jumps[];
extern FILE _IO_2_1_stdin_, _IO_2_1_stdout_, _IO_2_1_stderr_;
#define FILE_PLUS_SIZE       (sizeof(FILE) + sizeof(void *))
#define WIDE_TABLE_OFFSET    0xe0
#define WIDE_DATA_SIZE       0xe8
#define STREAM_LOCK_SIZE     16 /* _IO_lock_t: lock, count, owner */

#define MIGRATED_STREAMS_MAX 256

/* Bits of a listed stream. */
#define STREAM_FILE_TABLES 1 /* its tables are the file stream's: repointed */

struct migrated_streams {
	uint64_t count;
	uint64_t standard[3]; /* stdin, stdout and stderr at the capture */
	struct {
		uint64_t address;
		uint64_t flags;
	} streams[MIGRATED_STREAMS_MAX];
};

/* Written at capture, read at restore: part of the program's state. */
static struct migrated_streams XMIG_MIGRATABLE_ZEROED(migrated_streams);

extern const char __xmig_data_start[] __attribute__((weak));
extern const char __xmig_data_end[] __attribute__((weak));

static int inside(const void *pointer, size_t size, uint64_t low, uint64_t high)
{
	uint64_t address = (uint64_t)(uintptr_t)pointer;
	return address >= low && address <= high && size <= high - address;
}

static int in_heap(const void *pointer, size_t size)
{
	return inside(pointer, size, XMIG_HEAP_ARENA_BASE,
	              XMIG_HEAP_ARENA_BASE + XMIG_HEAP_ARENA_SIZE);
}

/* The heap, the aligned data and the data stack: where a program's setvbuf
 * buffer may be, as well as libc's own. */
static int in_migrated_memory(const void *pointer)
{
	return in_heap(pointer, 1) ||
	       inside(pointer, 1, (uint64_t)(uintptr_t)__xmig_data_start,
	              (uint64_t)(uintptr_t)__xmig_data_end) ||
	       inside(pointer, 1, XMIG_DATA_STACK_BASE,
	              XMIG_DATA_STACK_BASE + XMIG_DATA_STACK_SIZE);
}

static const void **operations_table(FILE *stream)
{
	return (const void **)((char *)stream + sizeof(FILE));
}

static const void **wide_operations_table(FILE *stream)
{
	return (const void **)((char *)stream->_wide_data + WIDE_TABLE_OFFSET);
}

static int is_libc_standard(const FILE *stream)
{
	return stream == &_IO_2_1_stdin_ || stream == &_IO_2_1_stdout_ ||
	       stream == &_IO_2_1_stderr_;
}

int xmig_file_stream_migrates(const FILE *stream)
{
	return stream && !is_libc_standard(stream) && in_heap(stream, FILE_PLUS_SIZE);
}

void xmig_file_streams_adopt_standard(void)
{
	FILE *input = fdopen(STDIN_FILENO, "r");
	if (input)
		stdin = input;
	FILE *errors = fdopen(STDERR_FILENO, "w");
	if (errors && setvbuf(errors, NULL, _IONBF, 0) == 0)
		stderr = errors;
	else if (errors)
		fclose(errors);
}

/* Why this stream cannot go to the other ISA's C library, or NULL. */
static const char *foreign_state(FILE *stream, char *reason, size_t size)
{
	if (*operations_table(stream) != _IO_file_jumps)
		return "a FILE stream that is not a plain file stream (a memory or cookie "
		       "stream, a popen pipe, a mapped file) is open, and its state belongs "
		       "to this ISA's C library";
	if (stream->_mode > 0)
		return "a wide-oriented FILE stream is open, and its conversion state belongs "
		       "to this ISA's C library";
	if (stream->_wide_data && (!in_heap(stream->_wide_data, WIDE_DATA_SIZE) ||
	                           *wide_operations_table(stream) != _IO_wfile_jumps))
		return "a FILE stream whose wide-character part is not where xmig expects it "
		       "is open";
	int descriptor = stream->_fileno;
	struct stat status;
	if (descriptor > STDERR_FILENO &&
	    (fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode))) {
		snprintf(reason, size,
		         "a FILE stream on descriptor %d, which is not a regular file, is open",
		         descriptor);
		return reason;
	}
	return NULL;
}

const char *xmig_file_streams_record(int other_isa)
{
	static char reason[128];
	migrated_streams.count = 0;
	migrated_streams.standard[0] = (uint64_t)(uintptr_t)stdin;
	migrated_streams.standard[1] = (uint64_t)(uintptr_t)stdout;
	migrated_streams.standard[2] = (uint64_t)(uintptr_t)stderr;
	for (FILE *stream = _IO_list_all; stream; stream = stream->_chain) {
		/* Every process has its own; copies of their addresses are
		 * standard_files.c's concern. */
		if (is_libc_standard(stream))
			continue;
		if (!in_heap(stream, FILE_PLUS_SIZE) ||
		    (stream->_lock && !in_heap(stream->_lock, STREAM_LOCK_SIZE)) ||
		    (stream->_IO_buf_base && !in_migrated_memory(stream->_IO_buf_base)) ||
		    (stream->_IO_save_base && !in_migrated_memory(stream->_IO_save_base)))
			return "a FILE stream with state outside migrated memory is open";
		if (migrated_streams.count == MIGRATED_STREAMS_MAX)
			return "more FILE streams are open than xmig carries over (256)";
		const char *foreign = foreign_state(stream, reason, sizeof reason);
		if (foreign && other_isa)
			return foreign;
		uint64_t index = migrated_streams.count++;
		migrated_streams.streams[index].address = (uint64_t)(uintptr_t)stream;
		/* On this ISA any stream comes back: its tables are where they
		 * were. */
		migrated_streams.streams[index].flags = foreign ? 0 : STREAM_FILE_TABLES;
	}
	return NULL;
}

void xmig_file_streams_adopt_migrated(void)
{
	/* From the last to the first, so that the list keeps its order. */
	for (uint64_t i = migrated_streams.count; i-- > 0;) {
		FILE *stream = (FILE *)(uintptr_t)migrated_streams.streams[i].address;
		if (migrated_streams.streams[i].flags & STREAM_FILE_TABLES) {
			*operations_table(stream) = _IO_file_jumps;
			if (stream->_wide_data)
				*wide_operations_table(stream) = _IO_wfile_jumps;
		}
		/* Nobody holds it: the capture ran outside the C library. Its
		 * owner field named a thread of the old process. */
		if (stream->_lock)
			memset(stream->_lock, 0, STREAM_LOCK_SIZE);
		stream->_chain = _IO_list_all;
		_IO_list_all = stream;
	}
	FILE **standard[] = {&stdin, &stdout, &stderr};
	for (int i = 0; i < 3; i++) {
		FILE *recorded = (FILE *)(uintptr_t)migrated_streams.standard[i];
		if (xmig_file_stream_migrates(recorded))
			*standard[i] = recorded;
	}
	migrated_streams.count = 0;
}
