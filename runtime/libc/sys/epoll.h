/* <sys/epoll.h> for programs built with xmig-cc, found before the C
 * library's.
 *
 * The kernel's struct epoll_event is packed on x86_64 (12 bytes) and not on
 * aarch64 (16 bytes, data 8-aligned), so a program's events, and any struct
 * that holds one, would have two layouts. This one is packed on both ISAs;
 * epoll_ctl, epoll_wait, epoll_pwait and epoll_pwait2 are the runtime's,
 * which hand the kernel its own layout where it differs
 * (runtime/portable_epoll.c). The constants are Linux's, the same on both
 * ISAs. */
#ifndef XMIG_LIBC_SYS_EPOLL_H
#define XMIG_LIBC_SYS_EPOLL_H
#define _SYS_EPOLL_H 1 /* the C library's header, should anything include it */

#include <signal.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

enum EPOLL_EVENTS {
	EPOLLIN = 0x001,
#define EPOLLIN EPOLLIN
	EPOLLPRI = 0x002,
#define EPOLLPRI EPOLLPRI
	EPOLLOUT = 0x004,
#define EPOLLOUT EPOLLOUT
	EPOLLERR = 0x008,
#define EPOLLERR EPOLLERR
	EPOLLHUP = 0x010,
#define EPOLLHUP EPOLLHUP
	EPOLLRDNORM = 0x040,
#define EPOLLRDNORM EPOLLRDNORM
	EPOLLRDBAND = 0x080,
#define EPOLLRDBAND EPOLLRDBAND
	EPOLLWRNORM = 0x100,
#define EPOLLWRNORM EPOLLWRNORM
	EPOLLWRBAND = 0x200,
#define EPOLLWRBAND EPOLLWRBAND
	EPOLLMSG = 0x400,
#define EPOLLMSG EPOLLMSG
	EPOLLRDHUP = 0x2000,
#define EPOLLRDHUP EPOLLRDHUP
	EPOLLEXCLUSIVE = 1u << 28,
#define EPOLLEXCLUSIVE EPOLLEXCLUSIVE
	EPOLLWAKEUP = 1u << 29,
#define EPOLLWAKEUP EPOLLWAKEUP
	EPOLLONESHOT = 1u << 30,
#define EPOLLONESHOT EPOLLONESHOT
	EPOLLET = 1u << 31
#define EPOLLET EPOLLET
};

#define EPOLL_CLOEXEC 02000000
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

/* 12 bytes on both ISAs: XMIG_EPOLL_EVENT_SIZE in runtime/portable_epoll.h.
 * The empty last member takes no room; it tells the plugin that this is the
 * portable layout, not the C library's (llvm-pass/PortableTypes.cpp). */
struct epoll_event {
	uint32_t events;
	epoll_data_t data;
	unsigned char __xmig_portable_layout[0];
} __attribute__((__packed__));

extern int epoll_create(int __size) __attribute__((__nothrow__));
extern int epoll_create1(int __flags) __attribute__((__nothrow__));
extern int epoll_ctl(int __epfd, int __op, int __fd, struct epoll_event *__event)
        __asm__("__xmig_epoll_ctl") __attribute__((__nothrow__));
extern int epoll_wait(int __epfd, struct epoll_event *__events, int __maxevents,
                      int __timeout) __asm__("__xmig_epoll_wait");
extern int epoll_pwait(int __epfd, struct epoll_event *__events, int __maxevents,
                       int __timeout, const sigset_t *__ss) __asm__("__xmig_epoll_pwait");
extern int epoll_pwait2(int __epfd, struct epoll_event *__events, int __maxevents,
                        const struct timespec *__timeout, const sigset_t *__ss)
        __asm__("__xmig_epoll_pwait2");

#ifdef __cplusplus
}
#endif

#endif
