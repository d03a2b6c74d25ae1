#define _GNU_SOURCE
#include "ask.h"

#include "xmig/runtime.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_line(const char *path, char *line, size_t size)
{
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0)
		return -1;
	ssize_t got = read(descriptor, line, size - 1);
	close(descriptor);
	if (got < 0)
		return -1;
	line[got] = '\0';
	line[strcspn(line, "\n")] = '\0';
	return 0;
}

/* The request descriptor the process's listener names, or -1. */
static int request_descriptor_of(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
	DIR *tasks = opendir(path);
	if (!tasks)
		return -1;
	int found = -1;
	struct dirent *task;
	while (found < 0 && (task = readdir(tasks))) {
		if (task->d_name[0] < '0' || task->d_name[0] > '9')
			continue;
		char comm_path[96], comm[32];
		snprintf(comm_path, sizeof comm_path, "%s/%s/comm", path, task->d_name);
		if (read_line(comm_path, comm, sizeof comm) != 0 ||
		    strncmp(comm, XMIG_REQUEST_THREAD_PREFIX, strlen(XMIG_REQUEST_THREAD_PREFIX)) !=
		            0)
			continue;
		char *end;
		long descriptor = strtol(comm + strlen(XMIG_REQUEST_THREAD_PREFIX), &end, 10);
		if (*end == '\0' && descriptor >= 0)
			found = (int)descriptor;
	}
	closedir(tasks);
	return found;
}

int run_ask_to_migrate(pid_t pid, char *error, size_t size)
{
	char path[64], comm[32];
	snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
	if (read_line(path, comm, sizeof comm) != 0) {
		snprintf(error, size, "no process %ld", (long)pid);
		return -1;
	}
	if (strcmp(comm, "xmig-run") == 0) {
		if (kill(pid, SIGUSR1) != 0) {
			snprintf(error, size, "cannot signal %ld: %s", (long)pid, strerror(errno));
			return -1;
		}
		return 0;
	}
	int descriptor = request_descriptor_of(pid);
	if (descriptor < 0) {
		snprintf(error, size,
		         "process %ld (%s) is neither an xmig-run nor a program built with xmig-cc "
		         "that has started (no request listener)",
		         (long)pid, comm);
		return -1;
	}
	/* Opening the process's own descriptor gives a write end of its pipe;
	 * the kernel allows it to the process's owner only. */
	snprintf(path, sizeof path, "/proc/%ld/fd/%d", (long)pid, descriptor);
	int pipe_end = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (pipe_end < 0) {
		snprintf(error, size, "cannot open process %ld's request pipe: %s", (long)pid,
		         strerror(errno));
		return -1;
	}
	int failed = run_send_request(pipe_end);
	close(pipe_end);
	if (failed && failed != EAGAIN) {
		snprintf(error, size, "cannot ask process %ld: %s", (long)pid, strerror(failed));
		return -1;
	}
	return 0;
}

int run_send_request(int pipe_end)
{
	/* Any byte is a request. */
	static const char byte = 'M';
	void (*previous)(int) = signal(SIGPIPE, SIG_IGN);
	ssize_t written;
	do
		written = write(pipe_end, &byte, 1);
	while (written < 0 && errno == EINTR);
	int failed = written < 0 ? errno : 0;
	signal(SIGPIPE, previous);
	return failed;
}
