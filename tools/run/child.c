#define _GNU_SOURCE
#include "child.h"

#include "ask.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void set_number(const char *name, long value)
{
	char text[32];
	snprintf(text, sizeof text, "%ld", value);
	setenv(name, text, 1);
}

/* In the child, between fork and exec: what the runtime reads. */
static void prepare_environment(const struct run_spawn *spawn, int image, int ready, int request)
{
	unsetenv("XMIG_IMAGE");
	unsetenv("XMIG_CAPTURE_AT");
	unsetenv("XMIG_RESTORE");
	unsetenv("XMIG_AFTER_CAPTURE");
	unsetenv("XMIG_SAME_ISA_ONLY");
	if (spawn->same_isa_only)
		setenv("XMIG_SAME_ISA_ONLY", "1", 1);
	set_number("XMIG_IMAGE_FD", image);
	set_number("XMIG_READY_FD", ready);
	set_number("XMIG_REQUEST_FD", request);
	if (spawn->capture_at)
		set_number("XMIG_CAPTURE_AT", (long)spawn->capture_at);
	if (spawn->continue_after_capture)
		setenv("XMIG_AFTER_CAPTURE", "continue", 1);
	if (spawn->restore_descriptor >= 0) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", spawn->restore_descriptor);
		setenv("XMIG_RESTORE", path, 1);
	}
}

#define IMAGE_PIPE_BYTES (1 << 20)

int run_spawn(const struct run_spawn *spawn, struct run_child *child, char *error, size_t size)
{
	const struct run_binaries *binaries = spawn->binaries;
	int image[2], ready[2], request[2];
	if (pipe2(image, O_CLOEXEC) != 0)
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	/* A larger pipe lets the capture write on with fewer waits for the
	 * reader; at most what unprivileged users may have (pipe-max-size), and
	 * the default size if even that is refused. */
	fcntl(image[1], F_SETPIPE_SZ, IMAGE_PIPE_BYTES);
	if (pipe2(ready, O_CLOEXEC) != 0) {
		close(image[0]);
		close(image[1]);
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	}
	/* Non-blocking on this side: a request never holds xmig-run up, and a
	 * full pipe already asks. */
	if (pipe2(request, O_CLOEXEC) != 0) {
		close(image[0]);
		close(image[1]);
		close(ready[0]);
		close(ready[1]);
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	}
	fcntl(request[1], F_SETFL, O_NONBLOCK);
	size_t count = 0;
	while (spawn->arguments[count])
		count++;
	const char **argv = calloc(count + 3, sizeof *argv);
	if (!argv)
		return snprintf(error, size, "out of memory"), -1;
	size_t at = 0;
	const char *file = binaries->path[spawn->isa];
	int emulated = spawn->isa != binaries->host && !binaries->binfmt[spawn->isa];
	if (emulated) {
		argv[at++] = binaries->qemu[spawn->isa];
		file = binaries->qemu[spawn->isa];
	}
	argv[at++] = binaries->path[spawn->isa];
	for (size_t i = 0; i < count; i++)
		argv[at++] = spawn->arguments[i];

	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		free(argv);
		return snprintf(error, size, "fork: %s", strerror(errno)), -1;
	}
	if (pid == 0) {
		/* The write ends, and the image to restore, survive exec. */
		fcntl(image[1], F_SETFD, 0);
		fcntl(ready[1], F_SETFD, 0);
		fcntl(request[0], F_SETFD, 0);
		if (spawn->restore_descriptor >= 0)
			fcntl(spawn->restore_descriptor, F_SETFD, 0);
		if (spawn->input >= 0)
			dup2(spawn->input, STDIN_FILENO);
		if (spawn->output >= 0)
			dup2(spawn->output, STDOUT_FILENO);
		prepare_environment(spawn, image[1], ready[1], request[0]);
		execv(file, (char *const *)argv);
		fprintf(stderr, "xmig-run: cannot run %s: %s\n", file, strerror(errno));
		_exit(127);
	}
	free(argv);
	close(image[1]);
	close(ready[1]);
	close(request[0]);
	child->pid = pid;
	child->isa = spawn->isa;
	child->image = image[0];
	child->ready = ready[0];
	child->request = request[1];
	return 0;
}

void run_child_request(const struct run_child *child)
{
	/* A full pipe holds requests already; a closed one means the child is
	 * ending, which the session sees on its own. */
	run_send_request(child->request);
}

void run_child_close(struct run_child *child)
{
	if (child->request >= 0)
		close(child->request);
	child->request = -1;
}
