/* A program that spends its run blocked in one kind of call, for the tests
 * of waits as migration points (xmig/waits.h):
 *
 *   blocked poll        40 rounds of poll(NULL, 0, 100), any error fatal
 *   blocked nanosleep   40 rounds of a 100 ms nanosleep, which must sleep
 *                       whole
 *   blocked sleeps      clock_nanosleep to absolute deadlines 100 ms apart,
 *                       then usleep, 20 rounds each
 *   blocked seconds     5 rounds of sleep(1) (for bench/run/waits)
 *   blocked read        read standard input to its end, echoing it
 *   blocked poll-input  poll standard input with no timeout, then read it
 *   blocked select      select on standard input with a 50 ms timeout
 *   blocked signals     the program's own signals during each wrapped call
 *                       keep their EINTR semantics (no migration needed)
 *
 * The output depends only on the input, never on timing, so that runs with
 * and without migrations compare byte for byte. */
#define _DEFAULT_SOURCE /* usleep, and POSIX 2008 besides */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static double now(void)
{
	struct timespec time;
	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

static int by_poll(void)
{
	for (int tick = 0; tick < 40; tick++) {
		if (poll(NULL, 0, 100) != 0)
			fail("poll");
		printf("tick %d\n", tick);
		fflush(stdout);
	}
	return 0;
}

static int by_nanosleep(void)
{
	for (int tick = 0; tick < 40; tick++) {
		struct timespec duration = {0, 100000000}, left = {7, 7};
		double started = now();
		if (nanosleep(&duration, &left) != 0)
			fail("nanosleep");
		/* Migrated or not, the sleep lasts at least what was asked. */
		if (now() - started < 0.1) {
			fprintf(stderr, "nanosleep returned after %.3f s\n", now() - started);
			return 1;
		}
		printf("slept %d\n", tick);
		fflush(stdout);
	}
	return 0;
}

static int by_sleeps(void)
{
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	for (int tick = 0; tick < 20; tick++) {
		deadline.tv_nsec += 100000000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_nsec -= 1000000000;
			deadline.tv_sec++;
		}
		int error = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
		if (error != 0) {
			fprintf(stderr, "clock_nanosleep: %s\n", strerror(error));
			return 1;
		}
		struct timespec reached;
		clock_gettime(CLOCK_MONOTONIC, &reached);
		if (reached.tv_sec < deadline.tv_sec ||
		    (reached.tv_sec == deadline.tv_sec && reached.tv_nsec < deadline.tv_nsec)) {
			fputs("clock_nanosleep returned before its deadline\n", stderr);
			return 1;
		}
		printf("deadline %d\n", tick);
		fflush(stdout);
	}
	for (int tick = 0; tick < 20; tick++) {
		if (usleep(100000) != 0)
			fail("usleep");
		printf("usleep %d\n", tick);
		fflush(stdout);
	}
	return 0;
}

static int by_seconds(void)
{
	for (int tick = 0; tick < 5; tick++) {
		if (sleep(1) != 0) {
			fputs("sleep ended early\n", stderr);
			return 1;
		}
		printf("second %d\n", tick);
		fflush(stdout);
	}
	return 0;
}

/* Echoes what was read, counting it: data lost or read twice shows. How
 * the bytes come in chunks depends on timing, so the count is of bytes. */
static long echo(long total, const char *bytes, ssize_t size)
{
	fwrite(bytes, 1, (size_t)size, stdout);
	fflush(stdout);
	return total + size;
}

static int by_read(void)
{
	char bytes[256];
	ssize_t got;
	long total = 0;
	while ((got = read(STDIN_FILENO, bytes, sizeof bytes)) > 0)
		total = echo(total, bytes, got);
	if (got < 0)
		fail("read");
	printf("%ld bytes\n", total);
	return 0;
}

static int by_poll_input(void)
{
	char bytes[256];
	long total = 0;
	for (;;) {
		struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
		if (poll(&input, 1, -1) != 1)
			fail("poll");
		ssize_t got = read(STDIN_FILENO, bytes, sizeof bytes);
		if (got < 0)
			fail("read");
		if (got == 0)
			break;
		total = echo(total, bytes, got);
	}
	printf("%ld bytes\n", total);
	return 0;
}

static int by_select(void)
{
	char bytes[256];
	long total = 0;
	for (;;) {
		fd_set readable;
		FD_ZERO(&readable);
		FD_SET(STDIN_FILENO, &readable);
		struct timeval timeout = {0, 50000};
		int ready = select(STDIN_FILENO + 1, &readable, NULL, NULL, &timeout);
		if (ready < 0)
			fail("select");
		if (ready == 0) {
			if (timeout.tv_sec || timeout.tv_usec) {
				fputs("select timed out with time left\n", stderr);
				return 1;
			}
			continue;
		}
		if (!FD_ISSET(STDIN_FILENO, &readable)) {
			fputs("select reported another descriptor\n", stderr);
			return 1;
		}
		ssize_t got = read(STDIN_FILENO, bytes, sizeof bytes);
		if (got < 0)
			fail("read");
		if (got == 0)
			break;
		total = echo(total, bytes, got);
	}
	printf("%ld bytes\n", total);
	return 0;
}

/* --- The program's own signals --- */

static volatile sig_atomic_t handled;

static void on_signal(int number)
{
	(void)number;
	handled++;
}

static void handle(int flags)
{
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_signal;
	action.sa_flags = flags;
	sigemptyset(&action.sa_mask);
	if (sigaction(SIGUSR2, &action, NULL) != 0)
		fail("sigaction");
}

/* A child that signals this process after 50 ms and, when `feed` is a
 * descriptor, writes a byte to it 50 ms later. */
static pid_t signal_soon(int feed)
{
	pid_t parent = getpid();
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		struct timespec pause = {0, 50000000};
		nanosleep(&pause, NULL);
		kill(parent, SIGUSR2);
		if (feed >= 0) {
			nanosleep(&pause, NULL);
			if (write(feed, "x", 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	return child;
}

static void reap(pid_t child)
{
	int status;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status))
		fail("the signalling child");
}

static void report(const char *call, long result, int error)
{
	printf("%s: %ld %s, %d handled\n", call, result, result < 0 ? strerror(error) : "",
	       (int)handled);
	handled = 0;
}

static int by_signals(void)
{
	int ends[2];
	char byte;
	for (int restart = 0; restart <= 1; restart++) {
		handle(restart ? SA_RESTART : 0);
		printf("%s:\n", restart ? "SA_RESTART" : "no SA_RESTART");

		/* Interrupted whatever the flag, as the kernel's calls are. */
		pid_t child = signal_soon(-1);
		int result = poll(NULL, 0, 2000);
		report("poll", result, errno);
		reap(child);

		child = signal_soon(-1);
		struct timespec duration = {2, 0}, left = {0, 0};
		result = nanosleep(&duration, &left);
		report("nanosleep", result, errno);
		printf("nanosleep left more than a second: %s\n", left.tv_sec >= 1 ? "yes" : "no");
		reap(child);

		child = signal_soon(-1);
		fd_set none;
		FD_ZERO(&none);
		struct timeval timeout = {2, 0};
		result = select(0, &none, NULL, NULL, &timeout);
		report("select", result, errno);
		reap(child);

		/* Restarted with SA_RESTART, interrupted without it. */
		if (pipe(ends) != 0)
			fail("pipe");
		child = signal_soon(ends[1]);
		ssize_t got = read(ends[0], &byte, 1);
		report("read", (long)got, errno);
		reap(child);
		close(ends[0]);
		close(ends[1]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (strcmp(mode, "poll") == 0)
		return by_poll();
	if (strcmp(mode, "nanosleep") == 0)
		return by_nanosleep();
	if (strcmp(mode, "sleeps") == 0)
		return by_sleeps();
	if (strcmp(mode, "seconds") == 0)
		return by_seconds();
	if (strcmp(mode, "read") == 0)
		return by_read();
	if (strcmp(mode, "poll-input") == 0)
		return by_poll_input();
	if (strcmp(mode, "select") == 0)
		return by_select();
	if (strcmp(mode, "signals") == 0)
		return by_signals();
	fprintf(stderr, "usage: %s poll|nanosleep|sleeps|seconds|read|poll-input|select|signals\n",
	        argv[0]);
	return 2;
}
