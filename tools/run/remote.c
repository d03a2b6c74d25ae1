#define _GNU_SOURCE
#include "remote.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ssh's own failures (cannot connect, authentication) exit with 255. */
#define SSH_FAILED 255

int run_remote_parse(const char *url, struct run_remote *remote, char *error, size_t size)
{
	memset(remote, 0, sizeof *remote);
	remote->xmig_run = getenv("XMIG_REMOTE_RUN") ? getenv("XMIG_REMOTE_RUN") : "xmig-run";
	if (strncmp(url, "ssh://", 6) != 0)
		return snprintf(error, size, "%s is not ssh://[user@]host[:port][/dir]", url), -1;
	const char *host = url + 6;
	const char *slash = strchr(host, '/');
	size_t host_length = slash ? (size_t)(slash - host) : strlen(host);
	const char *colon = memchr(host, ':', host_length);
	size_t target_length = colon ? (size_t)(colon - host) : host_length;
	if (target_length == 0 || target_length >= sizeof remote->target)
		return snprintf(error, size, "%s names no host", url), -1;
	memcpy(remote->target, host, target_length);
	if (colon) {
		size_t port_length = host_length - target_length - 1;
		if (port_length == 0 || port_length >= sizeof remote->port ||
		    strspn(colon + 1, "0123456789") < port_length)
			return snprintf(error, size, "%s: the port is not a number", url), -1;
		memcpy(remote->port, colon + 1, port_length);
	}
	if (slash && slash[1])
		snprintf(remote->directory, sizeof remote->directory, "%s", slash);
	return 0;
}

/* The command line ssh runs remotely is one string for the remote shell. */
static void append_quoted(char *line, size_t size, const char *word)
{
	size_t at = strlen(line);
	if (at && at + 1 < size)
		line[at++] = ' ';
	if (at + 1 < size)
		line[at++] = '\'';
	for (; *word && at + 5 < size; word++) {
		if (*word == '\'') {
			memcpy(line + at, "'\\''", 4);
			at += 4;
		} else {
			line[at++] = *word;
		}
	}
	if (at + 1 < size)
		line[at++] = '\'';
	line[at] = '\0';
}

/* argv for ssh to run `command` on the host: XMIG_SSH's words, the port,
 * the target, the command. */
static char **ssh_command(const struct run_remote *remote, const char *command)
{
	/* Leading blanks skipped, argv[0] is the copy, which the caller frees;
	 * blanks only mean plain ssh. */
	const char *words = getenv("XMIG_SSH");
	if (words)
		words += strspn(words, " \t");
	char *copy = strdup(words && *words ? words : "ssh");
	if (!copy)
		return NULL;
	char **argv = calloc(strlen(copy) + 8, sizeof *argv);
	if (!argv) {
		free(copy);
		return NULL;
	}
	size_t count = 0;
	for (char *word = strtok(copy, " \t"); word; word = strtok(NULL, " \t"))
		argv[count++] = word;
	/* Never ask for a password: a test or a batch job would hang. */
	argv[count++] = "-o";
	argv[count++] = "BatchMode=yes";
	if (remote->port[0]) {
		argv[count++] = "-p";
		argv[count++] = (char *)remote->port;
	}
	argv[count++] = (char *)remote->target;
	argv[count++] = (char *)command;
	return argv;
}

static pid_t start_ssh(const struct run_remote *remote, const char *command, int input, int output)
{
	char **argv = ssh_command(remote, command);
	if (!argv)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* Out of the terminal's process group: Ctrl-C is xmig-run's to
		 * pass on to the program there, not the connection's end. */
		setpgid(0, 0);
		if (input >= 0)
			dup2(input, STDIN_FILENO);
		if (output >= 0)
			dup2(output, STDOUT_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "xmig-run: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(SSH_FAILED);
	}
	free(argv[0]);
	free(argv);
	return pid;
}

int run_remote_probe(struct run_remote *remote, int isa_known, char *error, size_t size)
{
	char command[1024] = "uname -m && command -v";
	append_quoted(command, sizeof command, remote->xmig_run);
	strncat(command, " >/dev/null", sizeof command - strlen(command) - 1);
	int answer[2];
	if (pipe2(answer, O_CLOEXEC) != 0)
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pid_t pid = start_ssh(remote, command, nothing, answer[1]);
	close(answer[1]);
	if (nothing >= 0)
		close(nothing);
	char machine[64] = "";
	ssize_t got = pid < 0 ? -1 : read(answer[0], machine, sizeof machine - 1);
	close(answer[0]);
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == SSH_FAILED)
		return snprintf(error, size, "cannot reach %s over ssh (see ssh's message above)",
		                remote->target),
		       -1;
	if (WEXITSTATUS(status) != 0)
		return snprintf(error, size, "%s has no %s on its PATH (install xmig there)",
		                remote->target, remote->xmig_run),
		       -1;
	machine[got > 0 ? got : 0] = '\0';
	machine[strcspn(machine, "\n")] = '\0';
	if (strcmp(machine, "arm64") == 0)
		strcpy(machine, "aarch64");
	if (!isa_known && run_isa_parse(machine, &remote->isa) != 0)
		return snprintf(error, size, "%s is a %s machine; xmig runs on x86_64 and aarch64",
		                remote->target, machine),
		       -1;
	return 0;
}

/* The program's path there, without the ISA suffix. */
static void remote_base(const struct run_remote *remote, const char *program, char *path,
                        size_t size)
{
	if (remote->directory[0]) {
		char copy[PATH_MAX];
		snprintf(copy, sizeof copy, "%s", program);
		snprintf(path, size, "%s/%s", remote->directory, basename(copy));
	} else if (!realpath(program, path)) {
		/* Only prog.<isa> exist here: the directory's real path, then. */
		char directory[PATH_MAX], name[PATH_MAX], real[PATH_MAX];
		snprintf(directory, sizeof directory, "%s", program);
		snprintf(name, sizeof name, "%s", program);
		if (realpath(dirname(directory), real))
			snprintf(path, size, "%s/%s", real, basename(name));
		else
			snprintf(path, size, "%s", program);
	}
	/* prog.<isa> given: the base is prog. */
	for (int isa = 0; isa < RUN_ISA_COUNT; isa++) {
		const char *name = run_isa_name((enum run_isa)isa);
		size_t length = strlen(path), suffix = strlen(name) + 1;
		if (length > suffix && path[length - suffix] == '.' &&
		    strcmp(path + length - suffix + 1, name) == 0)
			path[length - suffix] = '\0';
	}
}

void run_remote_binary(const struct run_remote *remote, const char *program, char *path,
                       size_t size)
{
	char base[PATH_MAX];
	remote_base(remote, program, base, sizeof base);
	snprintf(path, size, "%s.%s", base, run_isa_name(remote->isa));
}

/* Runs `command` there with `input` as its standard input; its exit status,
 * or -1 when ssh itself failed. */
static int run_there(const struct run_remote *remote, const char *command, int input)
{
	pid_t pid = start_ssh(remote, command, input, -1);
	if (pid < 0)
		return -1;
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) == SSH_FAILED)
		return -1;
	return WEXITSTATUS(status);
}

int run_remote_has_binary(const struct run_remote *remote, const char *program, char *error,
                          size_t size)
{
	char path[PATH_MAX], command[PATH_MAX + 64] = "test -x";
	run_remote_binary(remote, program, path, sizeof path);
	append_quoted(command, sizeof command, path);
	int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int status = run_there(remote, command, nothing);
	if (nothing >= 0)
		close(nothing);
	if (status == 0)
		return 0;
	if (status < 0)
		return snprintf(error, size, "cannot reach %s over ssh", remote->target), -1;
	return snprintf(error, size, "%s has no %s (build it there, or give --ship)",
	                remote->target, path),
	       -1;
}

int run_remote_ship(const struct run_remote *remote, const char *program, const char *binary,
                    char *error, size_t size)
{
	if (!remote->directory[0])
		return snprintf(error, size,
		                "--ship needs a directory to put the binary in: ssh://%s/DIR",
		                remote->target),
		       -1;
	char path[PATH_MAX], temporary[PATH_MAX + 16];
	run_remote_binary(remote, program, path, sizeof path);
	/* Of this xmig-run's own: two shipping at once never share one. */
	snprintf(temporary, sizeof temporary, "%s.shipping-%ld", path, (long)getpid());
	char command[4 * PATH_MAX] = "mkdir -p";
	append_quoted(command, sizeof command, remote->directory);
	strncat(command, " && cat >", sizeof command - strlen(command) - 1);
	append_quoted(command, sizeof command, temporary);
	strncat(command, " && chmod 755", sizeof command - strlen(command) - 1);
	append_quoted(command, sizeof command, temporary);
	strncat(command, " && mv -f", sizeof command - strlen(command) - 1);
	append_quoted(command, sizeof command, temporary);
	append_quoted(command, sizeof command, path);
	int input = open(binary, O_RDONLY | O_CLOEXEC);
	if (input < 0)
		return snprintf(error, size, "cannot read %s: %s", binary, strerror(errno)), -1;
	int status = run_there(remote, command, input);
	close(input);
	if (status != 0)
		return snprintf(error, size, "cannot copy %s to %s:%s%s", binary, remote->target,
		                path, status < 0 ? " (ssh failed)" : ""),
		       -1;
	return 0;
}

int run_remote_connect(const struct run_remote *remote, const char *program, char *const *arguments,
                       uint64_t every_points, struct run_connection *connection, char *error,
                       size_t size)
{
	char path[PATH_MAX];
	remote_base(remote, program, path, sizeof path);
	char command[8192] = "";
	append_quoted(command, sizeof command, remote->xmig_run);
	append_quoted(command, sizeof command, "--serve");
	append_quoted(command, sizeof command, "--arch");
	append_quoted(command, sizeof command, run_isa_name(remote->isa));
	if (every_points) {
		char count[32];
		snprintf(count, sizeof count, "%llu", (unsigned long long)every_points);
		append_quoted(command, sizeof command, "--every-points");
		append_quoted(command, sizeof command, count);
	}
	append_quoted(command, sizeof command, path);
	for (char *const *argument = arguments; *argument; argument++)
		append_quoted(command, sizeof command, *argument);

	int to_host[2], from_host[2];
	if (pipe2(to_host, O_CLOEXEC) != 0)
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	if (pipe2(from_host, O_CLOEXEC) != 0) {
		close(to_host[0]);
		close(to_host[1]);
		return snprintf(error, size, "pipe: %s", strerror(errno)), -1;
	}
	pid_t pid = start_ssh(remote, command, to_host[0], from_host[1]);
	close(to_host[0]);
	close(from_host[1]);
	if (pid < 0) {
		close(to_host[1]);
		close(from_host[0]);
		return snprintf(error, size, "cannot start ssh: %s", strerror(errno)), -1;
	}
	fcntl(from_host[0], F_SETFL, O_NONBLOCK);
	connection->ssh = pid;
	connection->to_host = to_host[1];
	connection->from_host = from_host[0];
	return 0;
}

int run_remote_finish(struct run_connection *connection, int *status)
{
	if (connection->to_host >= 0)
		close(connection->to_host);
	if (connection->from_host >= 0)
		close(connection->from_host);
	connection->to_host = connection->from_host = -1;
	int raw = 0;
	while (waitpid(connection->ssh, &raw, 0) < 0 && errno == EINTR)
		;
	connection->ssh = -1;
	*status = raw;
	return WIFEXITED(raw) && WEXITSTATUS(raw) == SSH_FAILED ? -1 : 0;
}
