/* Blocking calls that are migration points while they wait: the contract
 * between the plugin, which redirects a call from instrumented code to one of
 * these C library functions to the runtime's wrapper, and the runtime
 * (runtime/waits.c), which defines the wrappers.
 *
 * The plugin rewrites `r = poll(fds, n, timeout)` into
 *
 *     again: r = __xmig_wait_poll(fds, n, timeout);
 *            if (__xmig_wait_interrupted) { __xmig_point(); goto again; }
 *
 * A wrapper returns with __xmig_wait_interrupted set only when a migration
 * request arrived while the call waited and the call has nothing to report
 * yet. The point then captures, with the call's arguments live in the
 * frame, and wherever the frame resumes (here after a declined capture, or
 * on the destination) the call is issued again and goes on with what
 * remains of it: the same descriptors, the same buffer, the time left. The
 * program sees one call with one result.
 *
 * Each entry: the symbol a call names, the name of the call (the wrapper is
 * __xmig_wait_<name>) and its number of parameters. A call is redirected
 * only when it calls a declaration of that symbol with that many
 * parameters, so a program's own function of the same name is left alone.
 * epoll's symbols are the runtime's portable ones (runtime/libc/sys/epoll.h). */
#ifndef XMIG_WAITS_H
#define XMIG_WAITS_H

#define XMIG_WAIT_PREFIX      "__xmig_wait_"
#define XMIG_WAIT_INTERRUPTED "__xmig_wait_interrupted"

/* The kind of point the plugin gives the call of __xmig_point after a wait
 * (the "xmig-point" call attribute). */
#define XMIG_WAIT_POINT_KIND "wait"

#define XMIG_WAITS(WAIT)                                                                           \
	WAIT(poll, poll, 3)                                                                        \
	WAIT(ppoll, ppoll, 4)                                                                      \
	WAIT(select, select, 5)                                                                    \
	WAIT(__xmig_epoll_wait, epoll_wait, 4)                                                     \
	WAIT(__xmig_epoll_pwait, epoll_pwait, 5)                                                   \
	WAIT(nanosleep, nanosleep, 2)                                                              \
	WAIT(clock_nanosleep, clock_nanosleep, 4)                                                  \
	WAIT(sleep, sleep, 1)                                                                      \
	WAIT(usleep, usleep, 1)                                                                    \
	WAIT(pause, pause, 0)                                                                      \
	WAIT(sigsuspend, sigsuspend, 1)                                                            \
	WAIT(read, read, 3)                                                                        \
	WAIT(recv, recv, 4)                                                                        \
	WAIT(recvfrom, recvfrom, 6)                                                                \
	WAIT(accept, accept, 3)                                                                    \
	WAIT(accept4, accept4, 4)

#endif
