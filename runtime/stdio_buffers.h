/* The buffers of stdin, stdout and stderr. The C library allocates them in
 * the migrated heap, but only the libc of the process that allocated them
 * knows them: a restored process's libc starts with none and allocates its
 * own. Without this, every migration would leave the last process's buffers
 * in the heap, and the image would grow with each hop. */
#ifndef XMIG_RUNTIME_STDIO_BUFFERS_H
#define XMIG_RUNTIME_STDIO_BUFFERS_H

/* At a capture, after the streams were flushed: notes, in migrated memory,
 * which heap blocks are the streams' buffers. */
void xmig_stdio_buffers_note(void);

/* In a restored process, once it has adopted the heap: frees them. */
void xmig_stdio_buffers_release(void);

/* Why a capture must wait: standard input has read ahead from a descriptor
 * that cannot seek back (a pipe), so its bytes would be lost; NULL if not. */
const char *xmig_stdin_blocks_capture(void);

/* Gives standard input's read-ahead back to its (seekable) descriptor,
 * before a capture; 0 on success. */
int xmig_stdin_give_back(void);

#endif
