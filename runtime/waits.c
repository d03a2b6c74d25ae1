/* The wrappers of xmig/waits.h: blocking calls that a migration request can
 * interrupt without the program seeing it.
 *
 * Each wrapper waits in ppoll() for what the call waits for (the program's
 * descriptors, or only time) and for the request's wake-up descriptor
 * (request.h). When the call has something to report, the wrapper reports
 * it, through the library call itself where there is data to move. When
 * only a request woke it, the wrapper saves what is left of the call (its
 * time) in migratable memory, sets __xmig_wait_interrupted and returns; the
 * instrumented caller then reaches a migration point and calls again, here
 * or on the destination, and the wrapper goes on from the saved state.
 *
 * The program's signals keep their semantics. poll, ppoll, select,
 * epoll_wait, the sleeps, pause and sigsuspend return EINTR for a caught
 * signal whatever its SA_RESTART, as the kernel's calls do, and so does
 * ppoll here. read, recv, recvfrom and accept restart after a handler with
 * SA_RESTART and return EINTR after one without: the wrappers look at the
 * handlers before they wait, and when both kinds are installed (which signal
 * came cannot be told afterwards) they make the library call and do not
 * wait at a point.
 *
 * A wrapper makes the library call itself, and so is not a point, when the
 * call would not block (a non-blocking descriptor, MSG_DONTWAIT, data ready,
 * a zero timeout), when it blocks in a way ppoll cannot stand for (a socket
 * receive timeout, MSG_WAITALL, a clock ppoll does not measure), when its
 * arguments are invalid (the library reports the error), and when no
 * listener hears requests (a child after fork). */
#define _GNU_SOURCE
#include "waits.h"

#include "migratable.h"
#include "portable_epoll.h"
#include "request.h"
#include "xmig/waits.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

volatile int __xmig_wait_interrupted;

enum wait_call {
	WAIT_NONE,
#define XMIG_WAIT_ENUM(symbol, name, parameters) WAIT_##name,
	XMIG_WAITS(XMIG_WAIT_ENUM)
#undef XMIG_WAIT_ENUM
};

static const char *const wait_names[] = {NULL,
#define XMIG_WAIT_NAME(symbol, name, parameters) #name,
                                         XMIG_WAITS(XMIG_WAIT_NAME)
#undef XMIG_WAIT_NAME
};

/* A call waits for ever. */
#define FOREVER (-1)
/* More descriptors than this and poll/ppoll make the library call: the copy
 * with the wake-up descriptor lives on the native stack. */
#define MOST_DESCRIPTORS 4096

/* The interrupted call, kept with the program's memory so that the
 * destination goes on with it. The deadline on the real-time clock takes
 * the migration's own time off what is left: the wait as a whole lasts as
 * long as unmigrated. It never lengthens what was left, as clocks of two
 * hosts may disagree. */
struct interrupted_wait {
	int32_t active;
	int32_t call;         /* enum wait_call */
	int64_t remaining_ns; /* FOREVER, or what was left at the request */
	int64_t deadline_ns;  /* CLOCK_REALTIME */
};
static struct interrupted_wait XMIG_MIGRATABLE_ZEROED(interrupted);

/* One wait in progress: what the wrapper watches. */
struct wait {
	enum wait_call call;
	int64_t remaining_ns; /* FOREVER, or what is left */
	int watch_requests;
	int saved_errno;
};

static int64_t now_ns(clockid_t clock)
{
	struct timespec now;
	clock_gettime(clock, &now);
	return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int64_t timespec_ns(const struct timespec *time)
{
	if (time->tv_sec > INT64_MAX / 1000000000 - 1)
		return INT64_MAX / 2;
	return (int64_t)time->tv_sec * 1000000000 + time->tv_nsec;
}

static struct timespec ns_timespec(int64_t ns)
{
	return (struct timespec){.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
}

static int valid_timespec(const struct timespec *time)
{
	return time->tv_sec >= 0 && time->tv_nsec >= 0 && time->tv_nsec < 1000000000;
}

/* Starts a wait for `requested_ns`, or goes on with the one a request
 * interrupted. After a capture that was declined the request is still
 * pending; the call then goes on without watching for it, or it would be
 * interrupted again at once. */
static void begin(struct wait *wait, enum wait_call call, int64_t requested_ns)
{
	__xmig_wait_interrupted = 0;
	wait->call = call;
	wait->saved_errno = errno;
	wait->remaining_ns = requested_ns;
	wait->watch_requests = xmig_request_wake_descriptor() >= 0;
	if (interrupted.active && interrupted.call == (int32_t)call) {
		wait->remaining_ns = interrupted.remaining_ns;
		if (wait->remaining_ns != FOREVER) {
			int64_t left = interrupted.deadline_ns - now_ns(CLOCK_REALTIME);
			if (left < wait->remaining_ns)
				wait->remaining_ns = left > 0 ? left : 0;
		}
		if (xmig_request_pending())
			wait->watch_requests = 0;
	}
	interrupted.active = 0;
}

/* Whether the wrapper can stand for the call at all. */
static int can_wait(void)
{
	return xmig_request_wake_descriptor() >= 0;
}

/* The wrapper makes the library call as it is: no wait of its own goes on. */
static void as_is(void)
{
	interrupted.active = 0;
}

#define REQUESTED (-2)

/* Waits for the program's `count` descriptors (fds has room for one more)
 * or for the time left, with `mask` as ppoll's. Returns how many of the
 * program's are ready, 0 when the time ran out, -1 with errno (EINTR for a
 * signal's handler), or REQUESTED after saving the call for the point. */
static int wait_until(struct wait *wait, struct pollfd *fds, nfds_t count, const sigset_t *mask)
{
	int64_t deadline = wait->remaining_ns == FOREVER
	                           ? FOREVER
	                           : now_ns(CLOCK_MONOTONIC) + wait->remaining_ns;
	int wake = xmig_request_wake_descriptor();
	for (;;) {
		fds[count] =
		        (struct pollfd){.fd = wait->watch_requests ? wake : -1, .events = POLLIN};
		struct timespec timeout;
		if (deadline != FOREVER) {
			int64_t left = deadline - now_ns(CLOCK_MONOTONIC);
			wait->remaining_ns = left > 0 ? left : 0;
			timeout = ns_timespec(wait->remaining_ns);
		}
		int ready = ppoll(fds, count + 1, deadline == FOREVER ? NULL : &timeout, mask);
		if (deadline != FOREVER) {
			int64_t left = deadline - now_ns(CLOCK_MONOTONIC);
			wait->remaining_ns = left > 0 ? left : 0;
		}
		if (ready < 0)
			return -1;
		int woken = wait->watch_requests && fds[count].revents != 0;
		if (ready - woken > 0 || ready == 0) {
			errno = wait->saved_errno;
			return ready - woken;
		}
		if (!xmig_request_pending()) {
			/* A wake-up whose request a capture has already met. */
			uint64_t stale;
			if (read(wake, &stale, sizeof stale) < 0 && errno != EAGAIN) {
				wait->watch_requests = 0;
				continue;
			}
			if (!xmig_request_pending())
				continue;
		}
		interrupted = (struct interrupted_wait){
		        .active = 1,
		        .call = (int32_t)wait->call,
		        .remaining_ns = wait->remaining_ns,
		        .deadline_ns = wait->remaining_ns == FOREVER
		                               ? 0
		                               : now_ns(CLOCK_REALTIME) + wait->remaining_ns,
		};
		__xmig_wait_interrupted = 1;
		errno = wait->saved_errno;
		return REQUESTED;
	}
}

const char *xmig_wait_in_progress(void)
{
	return interrupted.active ? wait_names[interrupted.call] : NULL;
}

/* --- Descriptor waits: poll, ppoll, select, epoll_wait --- */

static int64_t milliseconds_ns(int timeout)
{
	return timeout < 0 ? FOREVER : (int64_t)timeout * 1000000;
}

static int wait_for_descriptors(enum wait_call call, struct pollfd *fds, nfds_t count,
                                int64_t timeout_ns, const sigset_t *mask)
{
	struct wait wait;
	begin(&wait, call, timeout_ns);
	struct pollfd watched[count + 1];
	memcpy(watched, fds, count * sizeof *fds);
	int ready = wait_until(&wait, watched, count, mask);
	if (ready >= 0)
		for (nfds_t i = 0; i < count; i++)
			fds[i].revents = watched[i].revents;
	return ready == REQUESTED ? -1 : ready;
}

int __xmig_wait_poll(struct pollfd *fds, nfds_t count, int timeout)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || count > MOST_DESCRIPTORS || timeout == 0)
		return as_is(), poll(fds, count, timeout);
	return wait_for_descriptors(WAIT_poll, fds, count, milliseconds_ns(timeout), NULL);
}

int __xmig_wait_ppoll(struct pollfd *fds, nfds_t count, const struct timespec *timeout,
                      const sigset_t *mask)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || count > MOST_DESCRIPTORS || (timeout && !valid_timespec(timeout)))
		return as_is(), ppoll(fds, count, timeout, mask);
	return wait_for_descriptors(WAIT_ppoll, fds, count,
	                            timeout ? timespec_ns(timeout) : FOREVER, mask);
}

/* What select reports for a descriptor, as the kernel maps poll's events. */
#define SELECT_READ   (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SELECT_WRITE  (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SELECT_EXCEPT (POLLPRI)

int __xmig_wait_select(int limit, fd_set *readable, fd_set *writable, fd_set *exceptional,
                       struct timeval *timeout)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || limit < 0 || limit > FD_SETSIZE ||
	    (timeout &&
	     (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000)) ||
	    (timeout && timeout->tv_sec == 0 && timeout->tv_usec == 0))
		return as_is(), select(limit, readable, writable, exceptional, timeout);

	struct pollfd watched[limit + 1];
	nfds_t count = 0;
	for (int fd = 0; fd < limit; fd++) {
		short events = 0;
		if (readable && FD_ISSET(fd, readable))
			events |= POLLIN;
		if (writable && FD_ISSET(fd, writable))
			events |= POLLOUT;
		if (exceptional && FD_ISSET(fd, exceptional))
			events |= POLLPRI;
		if (events)
			watched[count++] = (struct pollfd){.fd = fd, .events = events};
	}
	struct wait wait;
	int64_t requested = FOREVER;
	if (timeout)
		requested =
		        (int64_t)timeout->tv_sec * 1000000000 + (int64_t)timeout->tv_usec * 1000;
	begin(&wait, WAIT_select, requested);
	int ready = wait_until(&wait, watched, count, NULL);
	if (timeout && wait.remaining_ns != FOREVER) {
		/* Linux's select leaves the time not slept in *timeout. */
		timeout->tv_sec = wait.remaining_ns / 1000000000;
		timeout->tv_usec = wait.remaining_ns % 1000000000 / 1000;
	}
	if (ready == REQUESTED || ready < 0)
		return -1;
	for (nfds_t i = 0; i < count; i++)
		if (watched[i].revents & POLLNVAL) {
			errno = EBADF;
			return -1;
		}
	if (readable)
		FD_ZERO(readable);
	if (writable)
		FD_ZERO(writable);
	if (exceptional)
		FD_ZERO(exceptional);
	int reported = 0;
	for (nfds_t i = 0; i < count; i++) {
		short got = watched[i].revents;
		if ((watched[i].events & POLLIN) && (got & SELECT_READ)) {
			FD_SET(watched[i].fd, readable);
			reported++;
		}
		if ((watched[i].events & POLLOUT) && (got & SELECT_WRITE)) {
			FD_SET(watched[i].fd, writable);
			reported++;
		}
		if ((watched[i].events & POLLPRI) && (got & SELECT_EXCEPT)) {
			FD_SET(watched[i].fd, exceptional);
			reported++;
		}
	}
	return reported;
}

/* The program's events are in the portable layout (portable_epoll.h). */
static int wait_for_epoll(enum wait_call call, int epoll, struct xmig_epoll_event *events, int most,
                          int timeout, const sigset_t *mask)
{
	if (!can_wait() || most <= 0 || timeout == 0)
		return as_is(), __xmig_epoll_pwait(epoll, events, most, timeout, mask);
	struct wait wait;
	begin(&wait, call, milliseconds_ns(timeout));
	for (;;) {
		/* An epoll descriptor is readable while it has events to report. */
		struct pollfd watched[2] = {{.fd = epoll, .events = POLLIN}};
		int ready = wait_until(&wait, watched, 1, mask);
		if (ready == REQUESTED || ready < 0)
			return -1;
		if (ready == 0)
			return 0;
		if (watched[0].revents & POLLNVAL)
			return __xmig_epoll_pwait(epoll, events, most, 0, NULL);
		int reported = __xmig_epoll_pwait(epoll, events, most, 0, NULL);
		/* Another reader took the events, or they were edge-triggered
		 * and are gone: wait on with the time left. */
		if (reported != 0 || wait.remaining_ns == 0)
			return reported;
	}
}

int __xmig_wait_epoll_wait(int epoll, struct xmig_epoll_event *events, int most, int timeout)
{
	__xmig_wait_interrupted = 0;
	return wait_for_epoll(WAIT_epoll_wait, epoll, events, most, timeout, NULL);
}

int __xmig_wait_epoll_pwait(int epoll, struct xmig_epoll_event *events, int most, int timeout,
                            const sigset_t *mask)
{
	__xmig_wait_interrupted = 0;
	return wait_for_epoll(WAIT_epoll_pwait, epoll, events, most, timeout, mask);
}

/* --- Sleeps: nanosleep, clock_nanosleep, sleep, usleep, pause, sigsuspend --- */

/* Sleeps for the time left or until a signal's handler runs: 0, -1 with
 * EINTR, or REQUESTED. */
static int sleep_for(struct wait *wait, const sigset_t *mask)
{
	struct pollfd none[1];
	return wait_until(wait, none, 0, mask);
}

int __xmig_wait_nanosleep(const struct timespec *duration, struct timespec *remaining)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || !duration || !valid_timespec(duration))
		return as_is(), nanosleep(duration, remaining);
	struct wait wait;
	begin(&wait, WAIT_nanosleep, timespec_ns(duration));
	int slept = sleep_for(&wait, NULL);
	if (slept == REQUESTED)
		return -1;
	if (slept < 0 && errno == EINTR && remaining)
		*remaining = ns_timespec(wait.remaining_ns);
	return slept;
}

static int measured_by_ppoll(clockid_t clock)
{
	return clock == CLOCK_MONOTONIC || clock == CLOCK_REALTIME || clock == CLOCK_BOOTTIME ||
	       clock == CLOCK_TAI;
}

int __xmig_wait_clock_nanosleep(clockid_t clock, int flags, const struct timespec *time,
                                struct timespec *remaining)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || !measured_by_ppoll(clock) || !time || !valid_timespec(time))
		return as_is(), clock_nanosleep(clock, flags, time, remaining);
	struct wait wait;
	if (flags & TIMER_ABSTIME) {
		/* The deadline is the argument: what is left is measured anew
		 * wherever the call goes on. */
		int64_t left = timespec_ns(time) - now_ns(clock);
		begin(&wait, WAIT_clock_nanosleep, left > 0 ? left : 0);
		wait.remaining_ns = left > 0 ? left : 0;
	} else {
		begin(&wait, WAIT_clock_nanosleep, timespec_ns(time));
	}
	int saved = errno;
	int slept = sleep_for(&wait, NULL);
	int error = slept < 0 ? errno : 0;
	errno = saved;
	if (slept == REQUESTED)
		return EINTR;
	if (error == EINTR && remaining && !(flags & TIMER_ABSTIME))
		*remaining = ns_timespec(wait.remaining_ns);
	return error;
}

unsigned int __xmig_wait_sleep(unsigned int seconds)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait())
		return as_is(), sleep(seconds);
	struct wait wait;
	begin(&wait, WAIT_sleep, (int64_t)seconds * 1000000000);
	int slept = sleep_for(&wait, NULL);
	if (slept >= 0 || slept == REQUESTED)
		return 0;
	/* glibc rounds what is left to the nearest second. */
	return (unsigned int)((wait.remaining_ns + 500000000) / 1000000000);
}

int __xmig_wait_usleep(useconds_t microseconds)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || microseconds == 0)
		return as_is(), usleep(microseconds);
	struct wait wait;
	begin(&wait, WAIT_usleep, (int64_t)microseconds * 1000);
	int slept = sleep_for(&wait, NULL);
	return slept == REQUESTED ? -1 : slept;
}

int __xmig_wait_pause(void)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait())
		return as_is(), pause();
	struct wait wait;
	begin(&wait, WAIT_pause, FOREVER);
	sleep_for(&wait, NULL); /* only a handler or a request ends it */
	return -1;
}

int __xmig_wait_sigsuspend(const sigset_t *mask)
{
	__xmig_wait_interrupted = 0;
	if (!can_wait() || !mask)
		return as_is(), sigsuspend(mask);
	struct wait wait;
	begin(&wait, WAIT_sigsuspend, FOREVER);
	sleep_for(&wait, mask); /* only a handler or a request ends it */
	return -1;
}

/* --- Transfers: read, recv, recvfrom, accept, accept4 --- */

enum restart { RESTART_NONE, RESTART_ALL, RESTART_MIXED };

/* What a caught signal does to a blocking read now: the handlers' SA_RESTART.
 * The runtime's own reserved signals and those glibc keeps are skipped. */
static enum restart restart_after_signals(void)
{
	int restarting = 0, interrupting = 0;
	for (int number = 1; number < NSIG; number++) {
		if (number == SIGKILL || number == SIGSTOP || (number >= 32 && number < SIGRTMIN))
			continue;
		struct sigaction action;
		if (sigaction(number, NULL, &action) != 0)
			continue;
		if (!(action.sa_flags & SA_SIGINFO) &&
		    (action.sa_handler == SIG_DFL || action.sa_handler == SIG_IGN))
			continue;
		if (action.sa_flags & SA_RESTART)
			restarting = 1;
		else
			interrupting = 1;
	}
	if (restarting && interrupting)
		return RESTART_MIXED;
	return interrupting ? RESTART_NONE : RESTART_ALL;
}

/* Whether a transfer on `fd` would block, so that the wrapper waits for it:
 * not when it is ready now, non-blocking, or a socket with a receive
 * timeout (ppoll cannot tell when that runs out). */
static int would_block(int fd, short events)
{
	struct pollfd now = {.fd = fd, .events = events};
	if (poll(&now, 1, 0) != 0 || now.revents)
		return 0;
	int status = fcntl(fd, F_GETFL);
	if (status < 0 || (status & O_NONBLOCK))
		return 0;
	struct timeval limit;
	socklen_t size = sizeof limit;
	if (getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, &size) == 0 &&
	    (limit.tv_sec || limit.tv_usec))
		return 0;
	return 1;
}

/* Waits until `fd` is ready for the transfer: 1, -1 with EINTR (the program
 * sees it), 0 when the wrapper should make the library call as it is, or
 * REQUESTED. */
static int wait_for_transfer(enum wait_call call, int fd, short events)
{
	int continuing = interrupted.active && interrupted.call == (int32_t)call;
	int saved_errno = errno;
	int blocks = can_wait() && (continuing || would_block(fd, events));
	errno = saved_errno;
	if (!blocks) {
		as_is();
		return 0;
	}
	enum restart restart = restart_after_signals();
	if (restart == RESTART_MIXED) {
		as_is();
		return 0;
	}
	struct wait wait;
	begin(&wait, call, FOREVER);
	for (;;) {
		struct pollfd watched[2] = {{.fd = fd, .events = events}};
		int ready = wait_until(&wait, watched, 1, NULL);
		if (ready == REQUESTED)
			return REQUESTED;
		if (ready > 0)
			return 1;
		if (errno == EINTR && restart == RESTART_ALL)
			continue;
		if (errno == EINTR)
			return -1;
		return 0; /* the library call reports whatever went wrong */
	}
}

#define TRANSFER(call, fd, events, library_call)                                                   \
	do {                                                                                       \
		__xmig_wait_interrupted = 0;                                                       \
		int waited = wait_for_transfer(call, fd, events);                                  \
		if (waited == REQUESTED || waited < 0)                                             \
			return -1;                                                                 \
		return library_call;                                                               \
	} while (0)

ssize_t __xmig_wait_read(int fd, void *buffer, size_t size)
{
	if (size == 0)
		return as_is(), read(fd, buffer, size);
	TRANSFER(WAIT_read, fd, POLLIN, read(fd, buffer, size));
}

/* Flags with which recv does not wait as ppoll can stand for. */
#define RECEIVE_AS_IS (MSG_DONTWAIT | MSG_WAITALL | MSG_ERRQUEUE)

ssize_t __xmig_wait_recv(int fd, void *buffer, size_t size, int flags)
{
	if (size == 0 || (flags & RECEIVE_AS_IS))
		return as_is(), recv(fd, buffer, size, flags);
	TRANSFER(WAIT_recv, fd, POLLIN, recv(fd, buffer, size, flags));
}

ssize_t __xmig_wait_recvfrom(int fd, void *buffer, size_t size, int flags, struct sockaddr *address,
                             socklen_t *address_size)
{
	if (size == 0 || (flags & RECEIVE_AS_IS))
		return as_is(), recvfrom(fd, buffer, size, flags, address, address_size);
	TRANSFER(WAIT_recvfrom, fd, POLLIN,
	         recvfrom(fd, buffer, size, flags, address, address_size));
}

int __xmig_wait_accept(int fd, struct sockaddr *address, socklen_t *address_size)
{
	TRANSFER(WAIT_accept, fd, POLLIN, accept(fd, address, address_size));
}

int __xmig_wait_accept4(int fd, struct sockaddr *address, socklen_t *address_size, int flags)
{
	TRANSFER(WAIT_accept4, fd, POLLIN, accept4(fd, address, address_size, flags));
}
