#define _GNU_SOURCE
#include "trigger.h"

#include "request.h"
#include "waits.h"
#include "xmig/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct xmig_policy policy = {0, NULL, -1, 0, 0, 0};
static uint64_t points_reached;
static int captured_once;

extern int __cxa_atexit(void (*function)(void *), void *argument, void *dso_handle);

static void report_points(void *unused)
{
	(void)unused;
	fprintf(stderr, "xmig: %llu migration points reached\n",
	        (unsigned long long)points_reached);
}

static int parse_count(const char *name, const char *text, uint64_t *value)
{
	char *end;
	errno = 0;
	unsigned long long parsed = strtoull(text, &end, 10);
	if (errno || end == text || *end != '\0' || text[0] == '-') {
		fprintf(stderr, "xmig: %s=%s is not a number\n", name, text);
		return -1;
	}
	*value = parsed;
	return 0;
}

/* The launcher's descriptors: process state. The ready pipe is moved out of
 * the program's way at start-up and recognised by its inode before each
 * write, since the program may close that number and open a file of its own
 * there. Either moves again when a restore re-creates one of the program's
 * files at its number (xmig_trigger_vacate). */
#define LAUNCHER_DESCRIPTOR_FLOOR 900
static int ready_descriptor = -1;
static dev_t ready_device;
static ino_t ready_inode;

int xmig_move_out_of_the_way(int descriptor)
{
	int kept = fcntl(descriptor, F_DUPFD_CLOEXEC, LAUNCHER_DESCRIPTOR_FLOOR);
	if (kept < 0)
		return descriptor;
	close(descriptor);
	return kept;
}

void xmig_trigger_vacate(int descriptor)
{
	if (descriptor == policy.image_descriptor)
		policy.image_descriptor = xmig_move_out_of_the_way(descriptor);
	if (descriptor == ready_descriptor)
		ready_descriptor = xmig_move_out_of_the_way(descriptor);
	xmig_request_vacate(descriptor);
}

static void take_ready_descriptor(void)
{
	const char *text = getenv("XMIG_READY_FD");
	uint64_t descriptor;
	if (!text || !*text || parse_count("XMIG_READY_FD", text, &descriptor) != 0 ||
	    descriptor > 1 << 20)
		return;
	int kept = xmig_move_out_of_the_way((int)descriptor);
	struct stat status;
	if (fstat(kept, &status) != 0 || !S_ISFIFO(status.st_mode)) {
		close(kept);
		return;
	}
	ready_descriptor = kept;
	ready_device = status.st_dev;
	ready_inode = status.st_ino;
}

int xmig_trigger_init(void)
{
	take_ready_descriptor();
	const char *text;
	if ((text = getenv("XMIG_CAPTURE_AT")) && *text) {
		if (parse_count("XMIG_CAPTURE_AT", text, &policy.capture_at) != 0)
			return -1;
		if (policy.capture_at == 0) {
			fputs("xmig: XMIG_CAPTURE_AT counts from 1\n", stderr);
			return -1;
		}
	}
	policy.image_path = getenv("XMIG_IMAGE");
	if ((text = getenv("XMIG_IMAGE_FD")) && *text) {
		uint64_t descriptor;
		if (parse_count("XMIG_IMAGE_FD", text, &descriptor) != 0 || descriptor > 1 << 20)
			return -1;
		policy.image_descriptor = (int)descriptor;
	}
	if ((text = getenv("XMIG_AFTER_CAPTURE")) && *text) {
		if (strcmp(text, "continue") == 0) {
			policy.continue_after_capture = 1;
		} else if (strcmp(text, "exit") != 0) {
			fprintf(stderr, "xmig: XMIG_AFTER_CAPTURE=%s: use exit or continue\n",
			        text);
			return -1;
		}
	}
	if ((text = getenv("XMIG_COUNT_POINTS")) && strcmp(text, "1") == 0) {
		policy.count_points = 1;
		/* libc's own list, not atexit's: that one belongs to the program
		 * and migrates, and this handler is this process's. */
		__cxa_atexit(report_points, NULL, NULL);
	}
	if ((text = getenv("XMIG_SAME_ISA_ONLY")) && strcmp(text, "1") == 0)
		policy.same_isa_only = 1;
	/* Counting needs every point to take the slow path. */
	if (policy.capture_at || policy.count_points)
		__xmig_pending = 1;
	return xmig_request_init();
}

const struct xmig_policy *xmig_policy(void)
{
	return &policy;
}

int xmig_trigger_should_capture(void)
{
	points_reached++;
	if (xmig_request_pending())
		return 1;
	return policy.capture_at && !captured_once && points_reached >= policy.capture_at;
}

void xmig_trigger_after_attempt(int finished)
{
	if (finished) {
		captured_once = 1;
		xmig_request_served();
	}
	/* A declined request stays pending until a point where the stack can
	 * move; counting keeps every point on the slow path. */
	int waiting = (policy.capture_at && !captured_once) || policy.count_points;
	__atomic_store_n(&__xmig_pending, waiting || xmig_request_pending(), __ATOMIC_SEQ_CST);
	/* The listener counts a request before it sets the flag: one counted
	 * after the check above sets it after the store. */
	if (xmig_request_pending())
		__atomic_store_n(&__xmig_pending, 1, __ATOMIC_SEQ_CST);
}

uint64_t xmig_points_reached(void)
{
	return points_reached;
}

static void announce_bytes(int descriptor, const char *bytes, size_t size)
{
	/* The reader may be gone; that is its business, not the program's:
	 * SIGPIPE is held back, and taken away if the write raised it. */
	sigset_t pipe_signal, previous, pending;
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	sigpending(&pending);
	int was_pending = sigismember(&pending, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
	ssize_t written;
	do
		written = write(descriptor, bytes, size);
	while (written < 0 && errno == EINTR);
	if (written < 0 && errno == EPIPE && !was_pending) {
		struct timespec now = {0, 0};
		sigtimedwait(&pipe_signal, NULL, &now);
	}
	pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

static void announce(int descriptor, char what)
{
	announce_bytes(descriptor, &what, 1);
}

static int ready_descriptor_is_ours(void)
{
	struct stat status;
	return ready_descriptor >= 0 && fstat(ready_descriptor, &status) == 0 &&
	       status.st_dev == ready_device && status.st_ino == ready_inode;
}

void xmig_trigger_announce_ready(void)
{
	xmig_request_listen();
	if (ready_descriptor_is_ours())
		announce(ready_descriptor, XMIG_READY_RUNNING);
}

void xmig_trigger_announce_decline(const char *reason, uint64_t at)
{
	/* Once per reason and place, and again after a quarter of a second:
	 * a declined request is retried at every point, which may be often. */
	static const char *last_reason;
	static uint64_t last_at;
	static struct timespec last_time;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	double since = (double)(now.tv_sec - last_time.tv_sec) +
	               (double)(now.tv_nsec - last_time.tv_nsec) * 1e-9;
	if (reason == last_reason && at == last_at && since < 0.25)
		return;
	if (!ready_descriptor_is_ours())
		return;
	last_reason = reason;
	last_at = at;
	last_time = now;
	/* One write under PIPE_BUF bytes: the line arrives whole. */
	char line[XMIG_DECLINE_LINE_MAX];
	int length = snprintf(line, sizeof line, "%c%llx %s\n", XMIG_READY_DECLINED,
	                      (unsigned long long)at, reason);
	if (length <= 0 || (size_t)length >= sizeof line) {
		length = (int)sizeof line - 1;
		line[length - 1] = '\n';
	}
	announce_bytes(ready_descriptor, line, (size_t)length);
}

void xmig_trigger_announce_capture(void)
{
	if (!ready_descriptor_is_ours())
		return;
	const char *wait = xmig_wait_in_progress();
	if (!wait) {
		announce(ready_descriptor, XMIG_READY_CAPTURE);
		return;
	}
	/* One write, so that the reader never sees the capture without it. */
	char line[64];
	int length =
	        snprintf(line, sizeof line, "%c%s\n%c", XMIG_READY_WAIT, wait, XMIG_READY_CAPTURE);
	announce_bytes(ready_descriptor, line, (size_t)length);
}
