#define _GNU_SOURCE
#include "commands.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int verbose;
static volatile sig_atomic_t caught_signal;

void xmig_commands_set_verbose(int value)
{
	verbose = value;
}

int xmig_commands_verbose(void)
{
	return verbose;
}

/* Quoted only when needed, so the line can be pasted into a shell. */
static void print_word(const char *word)
{
	if (*word && strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "0123456789-_./=:,+@%") == strlen(word)) {
		fputs(word, stderr);
		return;
	}
	fputc('\'', stderr);
	for (const char *c = word; *c; c++) {
		if (*c == '\'')
			fputs("'\\''", stderr);
		else
			fputc(*c, stderr);
	}
	fputc('\'', stderr);
}

static void print_command(const struct xmig_list *argv)
{
	for (size_t i = 0; i < argv->count; i++) {
		if (i)
			fputc(' ', stderr);
		print_word(argv->items[i]);
	}
	fputc('\n', stderr);
}

static void record_signal(int signal_number)
{
	caught_signal = signal_number;
}

void xmig_catch_signals(void)
{
	/* No SA_RESTART: waitpid must return so the signal reaches the child. */
	struct sigaction action = {.sa_handler = record_signal};
	sigemptyset(&action.sa_mask);
	const int signals[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction previous;
		sigaction(signals[i], NULL, &previous);
		/* A signal ignored by whoever started us (nohup) stays ignored. */
		if (previous.sa_handler != SIG_IGN)
			sigaction(signals[i], &action, NULL);
	}
}

int xmig_caught_signal(void)
{
	return caught_signal;
}

void xmig_die_of_caught_signal(void)
{
	int signal_number = caught_signal;
	signal(signal_number, SIG_DFL);
	raise(signal_number);
	_exit(128 + signal_number);
}

static int wait_for(pid_t child)
{
	int status;
	int forwarded = 0;
	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		if (caught_signal && !forwarded) {
			kill(child, caught_signal);
			forwarded = 1;
		}
	}
	return status;
}

int xmig_run(const char *step, const struct xmig_list *argv, int quiet)
{
	if (caught_signal) {
		fprintf(stderr, "xmig-cc: interrupted before %s\n", step);
		return -1;
	}
	if (verbose)
		print_command(argv);
	fflush(NULL);

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	if (quiet && !verbose)
		posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	pid_t child;
	int error = posix_spawnp(&child, argv->items[0], &actions, NULL, argv->items, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (error) {
		fprintf(stderr, "xmig-cc: %s failed: cannot run %s: %s\n", step, argv->items[0],
		        strerror(error));
		return -1;
	}

	int status = wait_for(child);
	if (status < 0) {
		fprintf(stderr, "xmig-cc: %s failed: cannot wait for %s: %s\n", step,
		        argv->items[0], strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	/* A command that exited has said why; only the step is added. */
	if (WIFSIGNALED(status))
		fprintf(stderr, "xmig-cc: %s failed: %s was killed by signal %d (%s)\n", step,
		        argv->items[0], WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		fprintf(stderr, "xmig-cc: %s failed\n", step);
	return -1;
}

/* Runs argv with the descriptor `collected` (stdout or stderr) into a pipe
 * read into *text; when that is stderr, stdout goes to /dev/null. */
static int run_collecting(const struct xmig_list *argv, int collected, char **text_out)
{
	*text_out = NULL;
	if (verbose)
		print_command(argv);
	int pipe_ends[2];
	if (pipe(pipe_ends) != 0) {
		fprintf(stderr, "xmig-cc: cannot make a pipe: %s\n", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	if (collected == STDERR_FILENO)
		posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], collected);
	posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
	posix_spawn_file_actions_addclose(&actions, pipe_ends[1]);
	pid_t child;
	int error = posix_spawnp(&child, argv->items[0], &actions, NULL, argv->items, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(pipe_ends[1]);
	if (error) {
		close(pipe_ends[0]);
		fprintf(stderr, "xmig-cc: cannot run %s: %s\n", argv->items[0], strerror(error));
		return -1;
	}

	size_t size = 0, capacity = 4096;
	char *text = xmig_allocate(capacity);
	for (;;) {
		if (capacity - size < 2) {
			char *grown = xmig_allocate(2 * capacity);
			memcpy(grown, text, size);
			free(text);
			text = grown;
			capacity *= 2;
		}
		ssize_t got = read(pipe_ends[0], text + size, capacity - size - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		size += (size_t)got;
	}
	text[size] = '\0';
	close(pipe_ends[0]);

	int status = wait_for(child);
	if (status < 0 || !WIFEXITED(status)) {
		fprintf(stderr, "xmig-cc: %s did not run to its end\n", argv->items[0]);
		free(text);
		return -1;
	}
	*text_out = text;
	return 0;
}

int xmig_run_collecting(const struct xmig_list *argv, char **errors)
{
	return run_collecting(argv, STDERR_FILENO, errors);
}

int xmig_run_output(const struct xmig_list *argv, char **output)
{
	return run_collecting(argv, STDOUT_FILENO, output);
}
