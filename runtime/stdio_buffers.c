#include "stdio_buffers.h"

#include "file_streams.h"
#include "migratable.h"
#include "xmig/layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* glibc's flag for a buffer the program gave with setvbuf: not libc's to
 * free (libio.h, stable since glibc 2.0). */
#define LIBC_USER_BUFFER 0x0001

struct stale_stdio_buffers {
	uint64_t count;
	uint64_t blocks[3];
};

static struct stale_stdio_buffers XMIG_MIGRATABLE_ZEROED(stale_stdio_buffers);

static int in_heap_arena(const void *pointer)
{
	uintptr_t address = (uintptr_t)pointer;
	return address >= XMIG_HEAP_ARENA_BASE &&
	       address < XMIG_HEAP_ARENA_BASE + XMIG_HEAP_ARENA_SIZE;
}

void xmig_stdio_buffers_note(void)
{
	FILE *streams[] = {stdin, stdout, stderr};
	stale_stdio_buffers.count = 0;
	for (size_t i = 0; i < sizeof streams / sizeof streams[0]; i++) {
		const FILE *stream = streams[i];
		/* Allocated before the arena existed (the bootstrap area, which
		 * does not migrate), or the program's own: left alone. */
		if (xmig_file_stream_migrates(stream) || !stream->_IO_buf_base ||
		    (stream->_flags & LIBC_USER_BUFFER) || !in_heap_arena(stream->_IO_buf_base))
			continue;
		stale_stdio_buffers.blocks[stale_stdio_buffers.count++] =
		        (uint64_t)(uintptr_t)stream->_IO_buf_base;
	}
}

/* Bytes stdin has read from its descriptor and the program not yet: they
 * are in this process's libc, which does not migrate, unless stdin is a
 * stream that migrates with its buffer (file_streams.h). */
static size_t read_ahead(void)
{
	if (xmig_file_stream_migrates(stdin))
		return 0;
	return stdin->_IO_read_ptr && stdin->_IO_read_end > stdin->_IO_read_ptr
	               ? (size_t)(stdin->_IO_read_end - stdin->_IO_read_ptr)
	               : 0;
}

const char *xmig_stdin_blocks_capture(void)
{
	if (read_ahead() == 0 || lseek(STDIN_FILENO, 0, SEEK_CUR) >= 0)
		return NULL;
	return "standard input has read ahead from a pipe or terminal, and those bytes "
	       "are in this process's C library";
}

int xmig_stdin_give_back(void)
{
	/* On a seekable descriptor glibc's fflush of an input stream drops
	 * what it read ahead and moves the shared file offset back to the
	 * stream's position (POSIX 2008): the restored program reads them
	 * again. */
	if (read_ahead() == 0)
		return 0;
	return fflush(stdin);
}

void xmig_stdio_buffers_release(void)
{
	for (uint64_t i = 0; i < stale_stdio_buffers.count; i++)
		free((void *)(uintptr_t)stale_stdio_buffers.blocks[i]);
	stale_stdio_buffers.count = 0;
}
