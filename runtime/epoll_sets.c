#define _GNU_SOURCE
#include "epoll_sets.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

int xmig_is_epoll(int descriptor)
{
	char link[64], target[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
	ssize_t length = readlink(link, target, sizeof target - 1);
	if (length <= 0)
		return 0;
	target[length] = '\0';
	return strcmp(target, "anon_inode:[eventpoll]") == 0;
}

/* "tfd:        5 events:       19 data:                5  pos:0 ..." */
static int parse_target(const char *line, struct xmig_image_epoll_target *target)
{
	int descriptor;
	unsigned events;
	unsigned long long data;
	if (sscanf(line, "tfd: %d events: %x data: %llx", &descriptor, &events, &data) != 3)
		return 0;
	target->descriptor = descriptor;
	target->events = events;
	target->data = data;
	return 1;
}

long xmig_epoll_targets(int descriptor, struct xmig_image_epoll_target *targets, size_t room)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", descriptor);
	int information = open(path, O_RDONLY | O_CLOEXEC);
	if (information < 0)
		return -1;
	/* Read whole, without stdio: the heap is being captured. */
	static char text[64 * 1024];
	size_t size = 0;
	ssize_t got;
	while (size < sizeof text - 1 &&
	       (got = read(information, text + size, sizeof text - 1 - size)) > 0)
		size += (size_t)got;
	close(information);
	text[size] = '\0';
	long count = 0;
	for (char *line = text; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		struct xmig_image_epoll_target target;
		if (parse_target(line, &target)) {
			if ((size_t)count < room)
				targets[count] = target;
			count++;
		}
		line = end ? end + 1 : NULL;
	}
	return count;
}

int xmig_recreate_epoll(int descriptor, const struct xmig_image_epoll_target *targets, size_t count,
                        char *error, size_t error_size)
{
	int made = epoll_create1(EPOLL_CLOEXEC);
	if (made < 0) {
		snprintf(error, error_size, "cannot make the epoll instance %d again: %s",
		         descriptor, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		struct epoll_event event = {.events = targets[i].events};
		event.data.u64 = targets[i].data;
		if (epoll_ctl(made, EPOLL_CTL_ADD, targets[i].descriptor, &event) != 0)
			fprintf(stderr,
			        "xmig: epoll instance %d no longer watches descriptor %d, which "
			        "was not restored: %s\n",
			        descriptor, targets[i].descriptor, strerror(errno));
	}
	return made;
}
