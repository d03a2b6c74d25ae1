#define _GNU_SOURCE
#include "prefix.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int xmig_find_prefix(const char *tool, char *prefix, size_t size)
{
	char executable[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
	if (length < 0) {
		fprintf(stderr, "%s: cannot find its own location (/proc/self/exe): %s\n", tool,
		        strerror(errno));
		return -1;
	}
	executable[length] = '\0';

	for (int level = 0; level < 2; level++) {
		char *slash = strrchr(executable, '/');
		if (!slash) {
			fprintf(stderr, "%s: unexpected location '%s'\n", tool, executable);
			return -1;
		}
		*slash = '\0';
	}
	if (executable[0] == '\0')
		strcpy(executable, "/");
	if ((size_t)snprintf(prefix, size, "%s", executable) >= size) {
		fprintf(stderr, "%s: installation path too long\n", tool);
		return -1;
	}
	return 0;
}
