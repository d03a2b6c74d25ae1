/* xmig-run --migrate PID: asking a running process for a migration, from
 * outside. An xmig-run gets SIGUSR1, which it handles; a program built with
 * xmig-cc gets a byte on its request pipe, which its runtime's listener
 * thread names (runtime/request.h), so that the program itself sees
 * nothing. */
#ifndef XMIG_RUN_ASK_H
#define XMIG_RUN_ASK_H

#include <stddef.h>
#include <sys/types.h>

/* 0, or -1 with why in `error`. */
int run_ask_to_migrate(pid_t pid, char *error, size_t size);

/* Writes one request to the write end of a request pipe, with SIGPIPE held
 * off: 0, or the errno of the write. EAGAIN means the pipe is full of
 * requests already, and EPIPE that the process is ending. */
int run_send_request(int pipe_end);

#endif
