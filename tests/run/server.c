/* A server that spends its run blocked waiting for connections on a Unix
 * listening socket at PATH, for the tests of waits on sockets:
 *
 *   server accept PATH      blocks in accept
 *   server poll PATH        blocks in poll on the listening socket, then
 *                           accepts
 *   server epoll PATH       blocks in epoll_wait with a 100 ms timeout on an
 *                           epoll instance that watches it
 *
 * A client process, forked at the start, makes 30 connections 100 ms apart.
 * On each it sends a fixed-size message and waits for the server's answer;
 * a connection that ends without one (it was queued on a listening socket
 * left behind by a migration) is made again, as a client of a real server
 * would. The server prints each message once, in order, so the output is
 * the same however many migrations happened. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define CONNECTIONS  30
#define MESSAGE_SIZE 32

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static struct sockaddr_un address_of(const char *path)
{
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof address.sun_path) {
		fprintf(stderr, "%s: path too long for a socket\n", path);
		exit(2);
	}
	strcpy(address.sun_path, path);
	return address;
}

static void pause_ms(long milliseconds)
{
	struct timespec duration = {milliseconds / 1000, milliseconds % 1000 * 1000000};
	while (nanosleep(&duration, &duration) != 0 && errno == EINTR)
		;
}

/* One message delivered and answered: 1, or 0 to try again. */
static int deliver(const struct sockaddr_un *address, int number)
{
	int connection = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (connection < 0)
		fail("client socket");
	int delivered = 0;
	if (connect(connection, (const struct sockaddr *)address, sizeof *address) == 0) {
		char message[MESSAGE_SIZE];
		memset(message, 0, sizeof message);
		snprintf(message, sizeof message, "message %d", number);
		char answer;
		delivered = send(connection, message, sizeof message, MSG_NOSIGNAL) ==
		                    (ssize_t)sizeof message &&
		            recv(connection, &answer, 1, MSG_WAITALL) == 1;
	}
	close(connection);
	return delivered;
}

static void client(const char *path)
{
	/* Nothing of the server's: its launcher's pipes among them. */
	for (int descriptor = 3; descriptor < 1024; descriptor++)
		close(descriptor);
	struct sockaddr_un address = address_of(path);
	for (int number = 0; number < CONNECTIONS; number++) {
		pause_ms(100);
		/* The server may be between two hosts for a while. */
		int tries = 0;
		while (!deliver(&address, number)) {
			if (++tries > 3000)
				_exit(1);
			pause_ms(10);
		}
	}
	_exit(0);
}

/* Reads the message on a new connection, prints it, answers: 1 when it
 * was the next message, 0 for one seen already or given up on. The client
 * sends before it waits, so the whole message is there or on its way. */
static int serve(int listening)
{
	int connection = accept(listening, NULL, NULL);
	if (connection < 0)
		fail("accept");
	char message[MESSAGE_SIZE];
	ssize_t got = recv(connection, message, sizeof message, MSG_WAITALL);
	if (got != (ssize_t)sizeof message) {
		/* A connection the client gave up on: it will come again. */
		close(connection);
		return 0;
	}
	message[MESSAGE_SIZE - 1] = '\0';
	static int expected;
	int number, next = 0;
	if (sscanf(message, "message %d", &number) == 1 && number == expected) {
		printf("%s\n", message);
		fflush(stdout);
		expected++;
		next = 1;
	}
	/* The answer may find the client gone: it then sends again, and the
	 * message is not printed twice. */
	send(connection, "k", 1, MSG_NOSIGNAL);
	close(connection);
	return next;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s accept|poll|epoll PATH\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	struct sockaddr_un address = address_of(argv[2]);
	unlink(argv[2]);
	int listening = socket(AF_UNIX, SOCK_STREAM, 0);
	if (listening < 0 || bind(listening, (struct sockaddr *)&address, sizeof address) != 0 ||
	    listen(listening, 16) != 0)
		fail("listen");
	signal(SIGCHLD, SIG_IGN); /* the client is never waited for */
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0)
		client(argv[2]);

	int epoll = -1;
	if (strcmp(mode, "epoll") == 0) {
		epoll = epoll_create1(0);
		struct epoll_event watch = {.events = EPOLLIN, .data.u64 = 0x5eed};
		if (epoll < 0 || epoll_ctl(epoll, EPOLL_CTL_ADD, listening, &watch) != 0)
			fail("epoll");
	} else if (strcmp(mode, "poll") != 0 && strcmp(mode, "accept") != 0) {
		fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
		return 2;
	}
	int printed = 0;
	while (printed < CONNECTIONS) {
		if (epoll >= 0) {
			struct epoll_event event;
			int ready = epoll_wait(epoll, &event, 1, 100);
			if (ready < 0)
				fail("epoll_wait");
			if (ready == 0)
				continue;
			if (event.data.u64 != 0x5eed) {
				fputs("epoll_wait reported data it was not given\n", stderr);
				return 1;
			}
		} else if (strcmp(mode, "poll") == 0) {
			struct pollfd watched = {.fd = listening, .events = POLLIN};
			if (poll(&watched, 1, -1) != 1)
				fail("poll");
		}
		printed += serve(listening);
	}
	return 0;
}
