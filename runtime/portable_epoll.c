#define _GNU_SOURCE
#include "portable_epoll.h"

#include <errno.h>
#include <stddef.h>
#include <sys/epoll.h>

_Static_assert(sizeof(struct xmig_epoll_event) == XMIG_EPOLL_EVENT_SIZE,
               "the program's epoll_event is 12 bytes on both ISAs");

/* x86_64's kernel layout is the packed one: its calls go straight through. */
#define NATIVE_IS_PORTABLE (sizeof(struct epoll_event) == sizeof(struct xmig_epoll_event))

/* At most this many events are taken in one call where they are converted,
 * from a buffer on the native stack; epoll_wait may always return fewer. */
#define MOST_CONVERTED 1024

int __xmig_epoll_ctl(int epoll, int operation, int descriptor, struct xmig_epoll_event *event)
{
	if (NATIVE_IS_PORTABLE || !event)
		return epoll_ctl(epoll, operation, descriptor, (struct epoll_event *)(void *)event);
	struct epoll_event native = {.events = event->events, .data.u64 = event->data};
	return epoll_ctl(epoll, operation, descriptor, &native);
}

static void to_program(struct xmig_epoll_event *events, const struct epoll_event *native, int count)
{
	for (int i = 0; i < count; i++) {
		events[i].events = native[i].events;
		events[i].data = native[i].data.u64;
	}
}

/* epoll_pwait (timeout_ms) or, with `precise`, epoll_pwait2 (timeout). */
static int native_pwait(int epoll, struct epoll_event *events, int most, int timeout_ms,
                        const struct timespec *timeout, int precise, const sigset_t *mask)
{
	return precise ? epoll_pwait2(epoll, events, most, timeout, mask)
	               : epoll_pwait(epoll, events, most, timeout_ms, mask);
}

static int pwait(int epoll, struct xmig_epoll_event *events, int most, int timeout_ms,
                 const struct timespec *timeout, int precise, const sigset_t *mask)
{
	if (NATIVE_IS_PORTABLE || most <= 0)
		return native_pwait(epoll, (struct epoll_event *)(void *)events, most, timeout_ms,
		                    timeout, precise, mask);
	if (most > MOST_CONVERTED)
		most = MOST_CONVERTED;
	struct epoll_event native[most];
	int got = native_pwait(epoll, native, most, timeout_ms, timeout, precise, mask);
	if (got > 0)
		to_program(events, native, got);
	return got;
}

int __xmig_epoll_pwait(int epoll, struct xmig_epoll_event *events, int most, int timeout,
                       const sigset_t *mask)
{
	return pwait(epoll, events, most, timeout, NULL, 0, mask);
}

int __xmig_epoll_wait(int epoll, struct xmig_epoll_event *events, int most, int timeout)
{
	return pwait(epoll, events, most, timeout, NULL, 0, NULL);
}

int __xmig_epoll_pwait2(int epoll, struct xmig_epoll_event *events, int most,
                        const struct timespec *timeout, const sigset_t *mask)
{
	return pwait(epoll, events, most, 0, timeout, 1, mask);
}
