/* epoll for programs built with xmig-cc, whose struct epoll_event has one
 * layout on both ISAs (runtime/libc/sys/epoll.h): the functions that header
 * names, which hand the kernel its own layout where it differs. */
#ifndef XMIG_RUNTIME_PORTABLE_EPOLL_H
#define XMIG_RUNTIME_PORTABLE_EPOLL_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

/* The program's struct epoll_event: 12 bytes, packed, on both ISAs. */
struct xmig_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((__packed__));
#define XMIG_EPOLL_EVENT_SIZE 12

int __xmig_epoll_ctl(int epoll, int operation, int descriptor, struct xmig_epoll_event *event);
int __xmig_epoll_wait(int epoll, struct xmig_epoll_event *events, int most, int timeout);
int __xmig_epoll_pwait(int epoll, struct xmig_epoll_event *events, int most, int timeout,
                       const sigset_t *mask);
int __xmig_epoll_pwait2(int epoll, struct xmig_epoll_event *events, int most,
                        const struct timespec *timeout, const sigset_t *mask);

#endif
