#define _GNU_SOURCE
#include "process_state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static, not the heap: the heap is part of what is being captured. */
#define FILE_RECORDS_SIZE (64 * 1024)
static char recorded_cwd[PATH_MAX];
static uint8_t recorded_files[FILE_RECORDS_SIZE];
static struct xmig_image_signal recorded_signals[XMIG_IMAGE_SIGNALS];
static int own_signal;

/* Descriptors above this are not searched: enough for any program xmig
 * supports, and bounded, unlike RLIMIT_NOFILE. */
#define DESCRIPTOR_LIMIT 1024

void xmig_set_own_signal(int signal_number)
{
	own_signal = signal_number;
}

static uint64_t open_descriptors[DESCRIPTOR_LIMIT / 64];

static int is_open(int descriptor)
{
	return (int)(open_descriptors[descriptor / 64] >> (descriptor % 64)) & 1;
}

/* Which descriptors are open: from /proc/self/fd, in a few system calls,
 * rather than by asking each number in turn, which is a thousand of them:
 * milliseconds under qemu-user. Without /proc, every number is a candidate. */
static void list_open_descriptors(void)
{
	static char entries[4096] __attribute__((aligned(8)));
	int directory = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	memset(open_descriptors, directory < 0 ? 0xff : 0, sizeof open_descriptors);
	if (directory < 0)
		return;
	ssize_t got;
	while ((got = getdents64(directory, entries, sizeof entries)) > 0) {
		for (ssize_t at = 0; at < got;) {
			const struct dirent64 *entry = (const struct dirent64 *)(entries + at);
			char *end;
			long descriptor = strtol(entry->d_name, &end, 10);
			if (*end == '\0' && end != entry->d_name && descriptor >= 0 &&
			    descriptor < DESCRIPTOR_LIMIT)
				open_descriptors[descriptor / 64] |= 1ull << (descriptor % 64);
			at += entry->d_reclen;
		}
	}
	if (got < 0)
		memset(open_descriptors, 0xff, sizeof open_descriptors);
	else if (directory < DESCRIPTOR_LIMIT)
		open_descriptors[directory / 64] &= ~(1ull << (directory % 64));
	close(directory);
}

static int record_files(int image_descriptor, size_t *size, const char **error)
{
	size_t at = 0;
	list_open_descriptors();
	for (int descriptor = 3; descriptor < DESCRIPTOR_LIMIT; descriptor++) {
		if (descriptor == image_descriptor || !is_open(descriptor))
			continue;
		int flags = fcntl(descriptor, F_GETFL);
		struct stat status;
		if (flags < 0 || fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode))
			continue;
		char link[64], path[PATH_MAX];
		snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
		ssize_t length = readlink(link, path, sizeof path - 1);
		if (length <= 0)
			continue;
		path[length] = '\0';
		/* qemu-user keeps the guest's executable open for itself; it is not
		 * the program's, and a deleted file cannot be reopened. */
		if (strstr(path, " (deleted)"))
			continue;
		off_t offset = lseek(descriptor, 0, SEEK_CUR);
		struct xmig_image_file file = {descriptor, flags, offset, (uint32_t)length + 1, 0};
		size_t record = sizeof file + ((size_t)length + 1 + 7) / 8 * 8;
		if (FILE_RECORDS_SIZE - at < record) {
			*error = "too many open files to record";
			return -1;
		}
		memset(recorded_files + at, 0, record);
		memcpy(recorded_files + at, &file, sizeof file);
		memcpy(recorded_files + at + sizeof file, path, (size_t)length + 1);
		at += record;
	}
	*size = at;
	return 0;
}

static void record_signals(void)
{
	memset(recorded_signals, 0, sizeof recorded_signals);
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++) {
		struct sigaction action;
		if (number == own_signal || number == SIGKILL || number == SIGSTOP ||
		    sigaction(number, NULL, &action) != 0 || action.sa_handler == SIG_DFL)
			continue;
		struct xmig_image_signal *entry = &recorded_signals[number - 1];
		entry->handler = (uint64_t)(uintptr_t)action.sa_handler;
		entry->flags = (uint64_t)(unsigned)action.sa_flags;
		for (int blocked = 1; blocked <= XMIG_IMAGE_SIGNALS; blocked++)
			if (sigismember(&action.sa_mask, blocked) == 1)
				entry->mask |= 1ULL << (blocked - 1);
	}
}

int xmig_record_process_state(int image_descriptor, struct xmig_process_state *state,
                              const char **error)
{
	if (!getcwd(recorded_cwd, sizeof recorded_cwd)) {
		*error = "cannot read the working directory";
		return -1;
	}
	size_t files_size;
	if (record_files(image_descriptor, &files_size, error) != 0)
		return -1;
	record_signals();
	state->cwd = recorded_cwd;
	state->files = recorded_files;
	state->files_size = files_size;
	state->signals = recorded_signals;
	return 0;
}

static int reopen(const struct xmig_image_file *file, const char *path, char *error,
                  size_t error_size)
{
	/* Never create or truncate: the file must be the one left behind. */
	int flags = file->flags & ~(O_CREAT | O_EXCL | O_TRUNC);
	int opened = open(path, flags | O_CLOEXEC);
	if (opened < 0) {
		snprintf(error, error_size, "cannot reopen %s (descriptor %d): %s", path,
		         file->descriptor, strerror(errno));
		return -1;
	}
	if (opened != file->descriptor) {
		if (dup3(opened, file->descriptor, 0) < 0) {
			snprintf(error, error_size, "cannot give %s descriptor %d: %s", path,
			         file->descriptor, strerror(errno));
			close(opened);
			return -1;
		}
		close(opened);
	} else {
		fcntl(opened, F_SETFD, 0);
	}
	/* An appending descriptor too: its writes go to the end whatever its
	 * offset, but lseek(fd, 0, SEEK_CUR) tells the program where the last
	 * one ended. */
	if (lseek(file->descriptor, file->offset, SEEK_SET) < 0) {
		snprintf(error, error_size, "cannot seek %s to %lld: %s", path,
		         (long long)file->offset, strerror(errno));
		return -1;
	}
	return 0;
}

int xmig_recreate_process_state(const struct xmig_image *image, char *error, size_t error_size)
{
	if (chdir(image->cwd) != 0) {
		snprintf(error, error_size, "cannot enter the working directory %s: %s", image->cwd,
		         strerror(errno));
		return -1;
	}
	size_t cursor = 0;
	struct xmig_image_file file;
	const char *path;
	while (xmig_image_next_file(image, &cursor, &file, &path) == 0)
		if (reopen(&file, path, error, error_size) != 0)
			return -1;
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++) {
		const struct xmig_image_signal *entry = &image->signals[number - 1];
		if (entry->handler == 0 || number == own_signal || number == SIGKILL ||
		    number == SIGSTOP)
			continue;
		struct sigaction action;
		memset(&action, 0, sizeof action);
		action.sa_handler = (void (*)(int))(uintptr_t)entry->handler;
		action.sa_flags = (int)(entry->flags & ~(uint64_t)0x04000000); /* SA_RESTORER */
		sigemptyset(&action.sa_mask);
		for (int blocked = 1; blocked <= XMIG_IMAGE_SIGNALS; blocked++)
			if (entry->mask & (1ULL << (blocked - 1)))
				sigaddset(&action.sa_mask, blocked);
		/* glibc reserves 32 and 33; refusing them is not an error. */
		sigaction(number, &action, NULL);
	}
	return 0;
}

/* glibc's list of every open FILE stream, linked through _chain (both ISAs'
 * static libc define it). */
extern FILE *_IO_list_all;

const char *xmig_state_blocks_other_isa(void)
{
	for (FILE *stream = _IO_list_all; stream; stream = stream->_chain)
		if (stream != stdin && stream != stdout && stream != stderr)
			return "a FILE stream other than stdin, stdout and stderr is open, and its "
			       "state belongs to this ISA's C library";
	return NULL;
}
