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
 * Each entry: the function's name and its number of parameters. A call is
 * redirected only when it calls a declaration of that name with that many
 * parameters, so a program's own function of the same name is left alone. */
#ifndef XMIG_WAITS_H
#define XMIG_WAITS_H

#define XMIG_WAIT_PREFIX      "__xmig_wait_"
#define XMIG_WAIT_INTERRUPTED "__xmig_wait_interrupted"

/* The kind of point the plugin gives the call of __xmig_point after a wait
 * (the "xmig-point" call attribute). */
#define XMIG_WAIT_POINT_KIND "wait"

#define XMIG_WAITS(WAIT)                                                                           \
	WAIT(poll, 3)                                                                              \
	WAIT(ppoll, 4)                                                                             \
	WAIT(select, 5)                                                                            \
	WAIT(epoll_wait, 4)                                                                        \
	WAIT(nanosleep, 2)                                                                         \
	WAIT(clock_nanosleep, 4)                                                                   \
	WAIT(sleep, 1)                                                                             \
	WAIT(usleep, 1)                                                                            \
	WAIT(pause, 0)                                                                             \
	WAIT(sigsuspend, 1)                                                                        \
	WAIT(read, 3)                                                                              \
	WAIT(recv, 4)                                                                              \
	WAIT(recvfrom, 6)                                                                          \
	WAIT(accept, 3)                                                                            \
	WAIT(accept4, 4)

#endif
