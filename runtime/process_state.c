#define _GNU_SOURCE
#include "process_state.h"

#include "epoll_sets.h"
#include "listening_sockets.h"
#include "trigger.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static or mapped, not the heap: the heap is part of what is being
 * captured. The file records grow with the contents of anonymous files. */
static char recorded_cwd[PATH_MAX];
static uint8_t *recorded_files;
static size_t recorded_capacity;
static struct xmig_image_signal recorded_signals[XMIG_IMAGE_SIGNALS];

/* Descriptors above this are not searched: enough for any program xmig
 * supports, and bounded, unlike RLIMIT_NOFILE. */
#define DESCRIPTOR_LIMIT 1024

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

/* Room for `needed` bytes of records, keeping the first `used`. */
static int reserve_records(size_t used, size_t needed)
{
	if (needed <= recorded_capacity)
		return 0;
	size_t capacity = recorded_capacity ? recorded_capacity : 64 * 1024;
	while (capacity < needed)
		capacity *= 2;
	void *grown =
	        mmap(NULL, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (grown == MAP_FAILED)
		return -1;
	if (recorded_files) {
		memcpy(grown, recorded_files, used);
		munmap(recorded_files, recorded_capacity);
	}
	recorded_files = grown;
	recorded_capacity = capacity;
	return 0;
}

static size_t padded(size_t size)
{
	return (size + 7) / 8 * 8;
}

/* qemu-user keeps the guest's executable open for itself: not the
 * program's, whatever its name. */
static int is_own_executable(const struct stat *status)
{
	struct stat own;
	return stat("/proc/self/exe", &own) == 0 && own.st_dev == status->st_dev &&
	       own.st_ino == status->st_ino;
}

/* An anonymous file's contents, after its record's path. */
static int record_contents(int descriptor, const struct stat *status, size_t *at,
                           const char **error)
{
	uint64_t size = (uint64_t)status->st_size;
	if (reserve_records(*at, *at + 8 + padded(size)) != 0) {
		*error = "no memory to record the contents of an anonymous file";
		return -1;
	}
	memcpy(recorded_files + *at, &size, sizeof size);
	uint8_t *contents = recorded_files + *at + 8;
	memset(contents, 0, padded(size));
	for (uint64_t done = 0; done < size;) {
		ssize_t got = pread(descriptor, contents + done, size - done, (off_t)done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			*error = "cannot read an anonymous file to carry its contents";
			return -1;
		}
		done += (uint64_t)got;
	}
	*at += 8 + padded(size);
	return 0;
}

/* Compiled for each ISA: both number these flags as the image does. */
_Static_assert((O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_SYNC | O_ASYNC | O_NOATIME) ==
                       XMIG_IMAGE_FILE_FLAGS,
               "the image's flags are this ISA's");

/* Status flags in the image's numbering (xmig/image_format.h) and back. */
static int32_t portable_flags(int flags)
{
	uint32_t kept = (uint32_t)flags & XMIG_IMAGE_FILE_FLAGS;
	if (flags & O_DIRECT)
		kept |= XMIG_IMAGE_FILE_FLAG_DIRECT;
	return (int32_t)kept;
}

static int native_flags(int32_t portable)
{
	int flags = (int)((uint32_t)portable & XMIG_IMAGE_FILE_FLAGS);
	if ((uint32_t)portable & XMIG_IMAGE_FILE_FLAG_DIRECT)
		flags |= O_DIRECT;
	return flags;
}

/* A record's header and path, at *at. */
static int append_record(const struct xmig_image_file *file, const char *path, size_t *at,
                         const char **error)
{
	size_t record = sizeof *file + padded(file->path_size);
	if (reserve_records(*at, *at + record) != 0) {
		*error = "no memory to record the open files";
		return -1;
	}
	memset(recorded_files + *at, 0, record);
	memcpy(recorded_files + *at, file, sizeof *file);
	memcpy(recorded_files + *at + sizeof *file, path, file->path_size);
	*at += record;
	return 0;
}

/* Contents held in memory, after a record's path. */
static int append_contents(const void *contents, uint64_t size, size_t *at, const char **error)
{
	if (reserve_records(*at, *at + 8 + padded(size)) != 0) {
		*error = "no memory to record the open files";
		return -1;
	}
	memset(recorded_files + *at, 0, 8 + padded(size));
	memcpy(recorded_files + *at, &size, sizeof size);
	memcpy(recorded_files + *at + 8, contents, size);
	*at += 8 + padded(size);
	return 0;
}

static int record_regular_file(int descriptor, int flags, const struct stat *status, size_t *at,
                               const char **error)
{
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
	ssize_t length = readlink(link, path, sizeof path - 1);
	if (length <= 0)
		return 0;
	path[length] = '\0';
	if (is_own_executable(status))
		return 0;
	/* A file without a name (tmpfile) cannot be reopened: it travels in
	 * the image. */
	int anonymous = status->st_nlink == 0;
	off_t offset = lseek(descriptor, 0, SEEK_CUR);
	struct xmig_image_file file = {
	        descriptor, portable_flags(flags), offset, (uint32_t)length + 1,
	        anonymous ? XMIG_IMAGE_FILE_ANONYMOUS : XMIG_IMAGE_FILE_NAMED};
	if (append_record(&file, path, at, error) != 0)
		return -1;
	return anonymous ? record_contents(descriptor, status, at, error) : 0;
}

static int record_listening_socket(int descriptor, int flags, size_t *at, const char **error)
{
	struct xmig_image_listening_socket socket;
	char name[160];
	if (!xmig_describe_listening_socket(descriptor, &socket, name, sizeof name))
		return 0;
	struct xmig_image_file file = {descriptor, portable_flags(flags), 0,
	                               (uint32_t)strlen(name) + 1,
	                               XMIG_IMAGE_FILE_LISTENING_SOCKET};
	if (append_record(&file, name, at, error) != 0)
		return -1;
	return append_contents(&socket, sizeof socket, at, error);
}

static int record_epoll(int descriptor, int flags, size_t *at, const char **error)
{
	static struct xmig_image_epoll_target targets[DESCRIPTOR_LIMIT];
	long count = xmig_epoll_targets(descriptor, targets, DESCRIPTOR_LIMIT);
	if (count < 0 || count > DESCRIPTOR_LIMIT) {
		*error = "cannot read an epoll instance's interest list";
		return -1;
	}
	struct xmig_image_file file = {descriptor, portable_flags(flags), 0, sizeof "epoll",
	                               XMIG_IMAGE_FILE_EPOLL};
	if (append_record(&file, "epoll", at, error) != 0)
		return -1;
	return append_contents(targets, (uint64_t)count * sizeof *targets, at, error);
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
		if (flags < 0 || fstat(descriptor, &status) != 0)
			continue;
		int recorded = 0;
		if (S_ISREG(status.st_mode))
			recorded = record_regular_file(descriptor, flags, &status, &at, error);
		else if (S_ISSOCK(status.st_mode))
			recorded = record_listening_socket(descriptor, flags, &at, error);
		else if (xmig_is_epoll(descriptor))
			recorded = record_epoll(descriptor, flags, &at, error);
		if (recorded != 0)
			return -1;
	}
	*size = at;
	return 0;
}

static void record_signals(void)
{
	memset(recorded_signals, 0, sizeof recorded_signals);
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++) {
		struct sigaction action;
		if (number == SIGKILL || number == SIGSTOP ||
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

/* A nameless file again, in the directory the old one was in when it has
 * one here, else in /tmp, holding the contents the image carries. */
static int recreate_anonymous(const struct xmig_image_file *file, const char *path,
                              const uint8_t *contents, uint64_t size)
{
	char directory[PATH_MAX];
	snprintf(directory, sizeof directory, "%s", path);
	char *slash = strrchr(directory, '/');
	if (slash && slash != directory)
		*slash = '\0';
	else
		snprintf(directory, sizeof directory, "/tmp");
	int opened = open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (opened < 0)
		opened = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (opened < 0) {
		/* Without O_TMPFILE (qemu-user may lack it): a name, dropped at once. */
		char name[] = "/tmp/xmig-anonymous-XXXXXX";
		opened = mkostemp(name, O_CLOEXEC);
		if (opened >= 0)
			unlink(name);
	}
	if (opened < 0)
		return -1;
	for (uint64_t done = 0; done < size;) {
		ssize_t put = pwrite(opened, contents + done, size - done, (off_t)done);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0) {
			close(opened);
			return -1;
		}
		done += (uint64_t)put;
	}
	/* The access mode is the new file's own (read-write); the rest, such
	 * as O_APPEND, is the old descriptor's. */
	fcntl(opened, F_SETFL, native_flags(file->flags) & ~O_ACCMODE);
	return opened;
}

/* A new descriptor for the record: the file opened again, or made again. */
static int open_again(const struct xmig_image_file *file, const char *path, const uint8_t *contents,
                      uint64_t contents_size, char *error, size_t error_size)
{
	int opened;
	switch (file->kind) {
	case XMIG_IMAGE_FILE_LISTENING_SOCKET: {
		struct xmig_image_listening_socket socket;
		if (contents_size != sizeof socket) {
			snprintf(error, error_size, "the record of socket %d is malformed",
			         file->descriptor);
			return -1;
		}
		memcpy(&socket, contents, sizeof socket);
		return xmig_recreate_listening_socket(&socket, native_flags(file->flags), error,
		                                      error_size);
	}
	case XMIG_IMAGE_FILE_EPOLL: {
		size_t count = contents_size / sizeof(struct xmig_image_epoll_target);
		struct xmig_image_epoll_target targets[count ? count : 1];
		memcpy(targets, contents, count * sizeof *targets);
		return xmig_recreate_epoll(file->descriptor, targets, count, error, error_size);
	}
	case XMIG_IMAGE_FILE_ANONYMOUS:
		opened = recreate_anonymous(file, path, contents, contents_size);
		break;
	default:
		/* Never create or truncate: the file must be the one left behind. */
		opened = open(path, native_flags(file->flags) | O_CLOEXEC);
		break;
	}
	if (opened < 0)
		snprintf(error, error_size, "cannot %s %s (descriptor %d): %s",
		         file->kind == XMIG_IMAGE_FILE_ANONYMOUS ? "re-create the anonymous file"
		                                                 : "reopen",
		         path, file->descriptor, strerror(errno));
	return opened;
}

static int reopen(const struct xmig_image_file *file, const char *path, const uint8_t *contents,
                  uint64_t contents_size, char *error, size_t error_size)
{
	xmig_trigger_vacate(file->descriptor);
	int opened = open_again(file, path, contents, contents_size, error, error_size);
	if (opened < 0)
		return -1;
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
	if (file->kind != XMIG_IMAGE_FILE_NAMED && file->kind != XMIG_IMAGE_FILE_ANONYMOUS)
		return 0;
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
	const uint8_t *contents;
	uint64_t contents_size;
	/* epoll instances last: what they watch must be back first. */
	for (int epoll_pass = 0; epoll_pass <= 1; epoll_pass++) {
		cursor = 0;
		while (xmig_image_next_file(image, &cursor, &file, &path, &contents,
		                            &contents_size) == 0)
			if ((file.kind == XMIG_IMAGE_FILE_EPOLL) == epoll_pass &&
			    reopen(&file, path, contents, contents_size, error, error_size) != 0)
				return -1;
	}
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++) {
		const struct xmig_image_signal *entry = &image->signals[number - 1];
		if (entry->handler == 0 || number == SIGKILL || number == SIGSTOP)
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
	sigset_t blocked;
	sigemptyset(&blocked);
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++)
		if (image->state.blocked_signals & (1ULL << (number - 1)))
			sigaddset(&blocked, number);
	sigprocmask(SIG_SETMASK, &blocked, NULL);
	return 0;
}

uint64_t xmig_blocked_signals(void)
{
	sigset_t blocked;
	uint64_t bits = 0;
	if (sigprocmask(SIG_BLOCK, NULL, &blocked) != 0)
		return 0;
	for (int number = 1; number <= XMIG_IMAGE_SIGNALS; number++)
		if (sigismember(&blocked, number) == 1)
			bits |= 1ULL << (number - 1);
	return bits;
}
