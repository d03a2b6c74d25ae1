#define _GNU_SOURCE
#include "listening_sockets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int option(int descriptor, int level, int name)
{
	int value = 0;
	socklen_t size = sizeof value;
	if (getsockopt(descriptor, level, name, &value, &size) != 0)
		return 0;
	return value != 0;
}

static void address_text(const struct xmig_image_listening_socket *socket, char *name,
                         size_t name_size)
{
	char host[INET6_ADDRSTRLEN] = "?";
	if (socket->domain == AF_INET) {
		struct sockaddr_in address;
		memcpy(&address, socket->address, sizeof address);
		inet_ntop(AF_INET, &address.sin_addr, host, sizeof host);
		snprintf(name, name_size, "tcp %s:%u", host, ntohs(address.sin_port));
	} else if (socket->domain == AF_INET6) {
		struct sockaddr_in6 address;
		memcpy(&address, socket->address, sizeof address);
		inet_ntop(AF_INET6, &address.sin6_addr, host, sizeof host);
		snprintf(name, name_size, "tcp [%s]:%u", host, ntohs(address.sin6_port));
	} else {
		struct sockaddr_un address;
		memcpy(&address, socket->address, sizeof address);
		size_t length =
		        socket->address_size > offsetof(struct sockaddr_un, sun_path)
		                ? socket->address_size - offsetof(struct sockaddr_un, sun_path)
		                : 0;
		if (length > 0 && address.sun_path[0] == '\0')
			snprintf(name, name_size, "unix @%.*s", (int)length - 1,
			         address.sun_path + 1);
		else
			snprintf(name, name_size, "unix %.*s",
			         (int)strnlen(address.sun_path, length), address.sun_path);
	}
}

int xmig_describe_listening_socket(int descriptor, struct xmig_image_listening_socket *socket,
                                   char *name, size_t name_size)
{
	if (!option(descriptor, SOL_SOCKET, SO_ACCEPTCONN))
		return 0;
	memset(socket, 0, sizeof *socket);
	socklen_t size = sizeof socket->domain;
	if (getsockopt(descriptor, SOL_SOCKET, SO_DOMAIN, &socket->domain, &size) != 0)
		return 0;
	size = sizeof socket->type;
	getsockopt(descriptor, SOL_SOCKET, SO_TYPE, &socket->type, &size);
	size = sizeof socket->protocol;
	getsockopt(descriptor, SOL_SOCKET, SO_PROTOCOL, &socket->protocol, &size);
	if (socket->domain != AF_INET && socket->domain != AF_INET6 && socket->domain != AF_UNIX)
		return 0;
	socklen_t address_size = sizeof socket->address;
	if (getsockname(descriptor, (struct sockaddr *)socket->address, &address_size) != 0)
		return 0;
	socket->address_size = address_size;
	if (option(descriptor, SOL_SOCKET, SO_REUSEADDR))
		socket->options |= XMIG_IMAGE_SOCKET_REUSEADDR;
	if (option(descriptor, SOL_SOCKET, SO_REUSEPORT))
		socket->options |= XMIG_IMAGE_SOCKET_REUSEPORT;
	if (socket->domain == AF_INET6 && option(descriptor, IPPROTO_IPV6, IPV6_V6ONLY))
		socket->options |= XMIG_IMAGE_SOCKET_V6ONLY;
	address_text(socket, name, name_size);
	return 1;
}

/* The old socket's file stays where it was bound, and binding there again
 * needs it gone; only a socket file is removed, never anything else. */
static void remove_old_socket_file(const struct xmig_image_listening_socket *socket)
{
	struct sockaddr_un address;
	memcpy(&address, socket->address, sizeof address);
	size_t offset = offsetof(struct sockaddr_un, sun_path);
	if (socket->address_size <= offset || address.sun_path[0] == '\0')
		return;
	char path[sizeof address.sun_path + 1];
	size_t length = strnlen(address.sun_path, socket->address_size - offset);
	memcpy(path, address.sun_path, length);
	path[length] = '\0';
	struct stat status;
	if (lstat(path, &status) == 0 && S_ISSOCK(status.st_mode))
		unlink(path);
}

static void set_option(int descriptor, int level, int name, int value)
{
	setsockopt(descriptor, level, name, &value, sizeof value);
}

int xmig_recreate_listening_socket(const struct xmig_image_listening_socket *record, int flags,
                                   char *error, size_t error_size)
{
	char name[160];
	address_text(record, name, sizeof name);
	if (record->address_size > sizeof record->address) {
		snprintf(error, error_size, "the listening socket %s has a malformed address",
		         name);
		return -1;
	}
	int made = socket(record->domain, record->type | SOCK_CLOEXEC, record->protocol);
	if (made < 0) {
		snprintf(error, error_size, "cannot make the listening socket %s again: %s", name,
		         strerror(errno));
		return -1;
	}
	if (record->domain == AF_UNIX) {
		remove_old_socket_file(record);
	} else {
		/* Connections the old socket accepted may linger in TIME_WAIT on
		 * the port: binding again must not wait for them. SO_REUSEADDR
		 * matters only to bind, and is set back to the program's after. */
		set_option(made, SOL_SOCKET, SO_REUSEADDR, 1);
		if (record->options & XMIG_IMAGE_SOCKET_REUSEPORT)
			set_option(made, SOL_SOCKET, SO_REUSEPORT, 1);
		if (record->domain == AF_INET6)
			set_option(made, IPPROTO_IPV6, IPV6_V6ONLY,
			           (record->options & XMIG_IMAGE_SOCKET_V6ONLY) != 0);
	}
	/* The backlog the program asked for cannot be read back: the kernel's
	 * largest stands for it. */
	if (bind(made, (const struct sockaddr *)record->address, record->address_size) != 0 ||
	    listen(made, SOMAXCONN) != 0) {
		snprintf(error, error_size, "cannot listen on %s again: %s", name, strerror(errno));
		close(made);
		return -1;
	}
	if (record->domain != AF_UNIX && !(record->options & XMIG_IMAGE_SOCKET_REUSEADDR))
		set_option(made, SOL_SOCKET, SO_REUSEADDR, 0);
	fcntl(made, F_SETFL, flags & O_NONBLOCK);
	return made;
}
