/* The runtime's side of migratable setjmp/longjmp (xmig/jump_buffer.h). */
#ifndef XMIG_RUNTIME_JUMP_BUFFER_H
#define XMIG_RUNTIME_JUMP_BUFFER_H

/* A new program: buffers armed from now on are valid. */
void xmig_jump_buffers_start(void);
/* A restored program whose frames are about to be rebuilt: every buffer armed
 * before is invalid until its frame arms it again. */
void xmig_jump_buffers_rebuilt(void);

#endif
