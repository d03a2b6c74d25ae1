#define _GNU_SOURCE
#include "request.h"

#include "raw_syscall.h"
#include "trigger.h"
#include "xmig/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int request_descriptor = -1;
/* Standalone: the write end, kept open so that the listener's read blocks
 * instead of seeing end of file. */
static int own_write_end = -1;
static int wake_descriptor = -1;
static int listening;

/* Counted rather than flagged: a request that arrives while a capture is
 * being served is not lost when the capture clears what it met. */
static uint64_t requests_received;
static uint64_t requests_served;

/* Enough for the listener's few calls, under qemu-user too. */
#define LISTENER_STACK_BYTES (64 * 1024)

static int listener(void *unused)
{
	(void)unused;
	char name[32] = XMIG_REQUEST_THREAD_PREFIX;
	size_t at = strlen(name);
	char digits[12];
	size_t count = 0;
	for (unsigned value = (unsigned)request_descriptor; count == 0 || value; value /= 10)
		digits[count++] = (char)('0' + value % 10);
	while (count)
		name[at++] = digits[--count];
	name[at] = '\0';
	xmig_raw_syscall3(SYS_prctl, PR_SET_NAME, (long)name, 0);

	char bytes[64];
	for (;;) {
		long got =
		        xmig_raw_syscall3(SYS_read, request_descriptor, (long)bytes, sizeof bytes);
		if (got == -EINTR)
			continue;
		if (got <= 0)
			return 0; /* the launcher is gone: no more requests */
		__atomic_add_fetch(&requests_received, 1, __ATOMIC_SEQ_CST);
		__atomic_store_n(&__xmig_pending, 1, __ATOMIC_SEQ_CST);
		uint64_t one = 1;
		xmig_raw_syscall3(SYS_write, wake_descriptor, (long)&one, sizeof one);
	}
}

static int take_launcher_pipe(void)
{
	const char *text = getenv("XMIG_REQUEST_FD");
	if (!text || !*text)
		return -1;
	char *end;
	errno = 0;
	long descriptor = strtol(text, &end, 10);
	struct stat status;
	if (errno || *end || descriptor < 0 || descriptor > 1 << 20 ||
	    fstat((int)descriptor, &status) != 0 || !S_ISFIFO(status.st_mode)) {
		fprintf(stderr,
		        "xmig: XMIG_REQUEST_FD=%s is not an open pipe; requests come "
		        "through a pipe of the runtime's own\n",
		        text);
		return -1;
	}
	return xmig_move_out_of_the_way((int)descriptor);
}

int xmig_request_init(void)
{
	request_descriptor = take_launcher_pipe();
	unsetenv("XMIG_REQUEST_FD"); /* not for programs the program runs */
	if (request_descriptor < 0) {
		int ends[2];
		if (pipe2(ends, O_CLOEXEC) != 0) {
			perror("xmig: cannot make the request pipe");
			return -1;
		}
		request_descriptor = xmig_move_out_of_the_way(ends[0]);
		own_write_end = xmig_move_out_of_the_way(ends[1]);
	}
	fcntl(request_descriptor, F_SETFD, FD_CLOEXEC);
	int wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (wake < 0) {
		perror("xmig: cannot make the request's wake-up descriptor");
		return -1;
	}
	wake_descriptor = xmig_move_out_of_the_way(wake);
	return 0;
}

/* A child of fork has no listener, and shares the wake-up descriptor with
 * its parent: its waits must not watch it. */
static void forget_listener(void)
{
	listening = 0;
}

void xmig_request_listen(void)
{
	if (listening || request_descriptor < 0)
		return;
	void *stack = mmap(NULL, LISTENER_STACK_BYTES, PROT_READ | PROT_WRITE,
	                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		perror("xmig: no memory for the request listener; requests are not heard");
		return;
	}
	/* Born with every signal blocked, so that none meant for the program
	 * lands on it; the program's own mask is back right after. */
	sigset_t all, previous;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &previous);
	int flags =
	        CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
	int made = clone(listener, (char *)stack + LISTENER_STACK_BYTES, flags, NULL);
	int saved = errno;
	pthread_sigmask(SIG_SETMASK, &previous, NULL);
	if (made < 0) {
		fprintf(stderr,
		        "xmig: cannot start the request listener: %s; requests are not "
		        "heard\n",
		        strerror(saved));
		munmap(stack, LISTENER_STACK_BYTES);
		return;
	}
	listening = 1;
	static int registered;
	if (!registered && pthread_atfork(NULL, NULL, forget_listener) == 0)
		registered = 1;
}

int xmig_request_pending(void)
{
	return __atomic_load_n(&requests_received, __ATOMIC_SEQ_CST) != requests_served;
}

void xmig_request_served(void)
{
	requests_served = __atomic_load_n(&requests_received, __ATOMIC_SEQ_CST);
	uint64_t count;
	while (read(wake_descriptor, &count, sizeof count) > 0)
		;
	/* One that came in between stays visible to waits. */
	if (xmig_request_pending()) {
		uint64_t one = 1;
		if (write(wake_descriptor, &one, sizeof one) < 0)
			return;
	}
}

int xmig_request_wake_descriptor(void)
{
	return listening ? wake_descriptor : -1;
}

void xmig_request_vacate(int descriptor)
{
	/* Before the listener starts: it holds its descriptor's number. */
	if (descriptor == request_descriptor)
		request_descriptor = xmig_move_out_of_the_way(descriptor);
	if (descriptor == own_write_end)
		own_write_end = xmig_move_out_of_the_way(descriptor);
	if (descriptor == wake_descriptor)
		wake_descriptor = xmig_move_out_of_the_way(descriptor);
}
