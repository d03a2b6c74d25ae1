#define _GNU_SOURCE
#include "image_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int xmig_write_all(int descriptor, const uint8_t *bytes, size_t size)
{
	while (size > 0) {
		ssize_t n = write(descriptor, bytes, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		bytes += n;
		size -= (size_t)n;
	}
	return 0;
}

int xmig_write_image_file(const char *path, const uint8_t *bytes, size_t size)
{
	char temporary[PATH_MAX];
	if (snprintf(temporary, sizeof temporary, "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof temporary)
		return errno = ENAMETOOLONG, -1;
	int descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (descriptor < 0)
		return -1;
	if (xmig_write_all(descriptor, bytes, size) != 0 || fsync(descriptor) != 0) {
		int saved = errno;
		close(descriptor);
		unlink(temporary);
		return errno = saved, -1;
	}
	if (close(descriptor) != 0 || rename(temporary, path) != 0) {
		int saved = errno;
		unlink(temporary);
		return errno = saved, -1;
	}
	return 0;
}
