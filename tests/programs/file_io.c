/* Stresses: open-file state — a regular file written through stdio and
 * through write(2) on a second descriptor, read back with fseek/ftell/fread
 * and lseek/read, appended to and patched in place — and stdout buffering,
 * with partial lines printed across calls and file work before their newline.
 * Usage: file_io [PATH]; PATH defaults to /tmp/xmig_file_io_test.tmp and the
 * file is removed at the end either way. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t checksum;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

static uint64_t fnv(const unsigned char *data, size_t length)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < length; i++)
		h = (h ^ data[i]) * 0x100000001b3ULL;
	return h;
}

static void fail(const char *what)
{
	/* stdout only: the output must not depend on stdout/stderr interleaving. */
	printf("FAILED: %s (errno %d)\n", what, errno);
	exit(EXIT_FAILURE);
}

static void write_all(int fd, const void *data, size_t length)
{
	const char *p = data;
	while (length > 0) {
		ssize_t n = write(fd, p, length);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail("write");
		}
		p += n;
		length -= (size_t)n;
	}
}

/* Phase 1: stdio writes, text and binary. */
static void write_with_stdio(FILE *f)
{
	for (int i = 0; i < 60; i++)
		if (fprintf(f, "line %02d: value %ld %s\n", i, (long)i * i * 37 - 1000,
			    i % 3 ? "plain" : "special") < 0)
			fail("fprintf");
	unsigned char block[1000];
	for (int i = 0; i < 1000; i++)
		block[i] = (unsigned char)(i * 7 + (i >> 4));
	if (fwrite(block, 1, sizeof block, f) != sizeof block)
		fail("fwrite");
	if (fputc('\n', f) == EOF)
		fail("fputc");
	if (fflush(f) != 0)
		fail("fflush");
	long position = ftell(f);
	printf("after stdio writes: ftell = %ld\n", position);
	feed((uint64_t)position);
}

/* Phase 2: a second descriptor appends with write(2) in uneven chunks. */
static void append_with_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND);
	if (fd < 0)
		fail("open for append");
	char chunk[300];
	for (int round = 0; round < 5; round++) {
		int length = snprintf(chunk, sizeof chunk, "write(2) round %d:", round);
		for (int k = 0; k <= round * 9; k++)
			length += snprintf(chunk + length, sizeof chunk - (size_t)length, " %d", k * round);
		chunk[length++] = '\n';
		write_all(fd, chunk, (size_t)length);
	}
	off_t end = lseek(fd, 0, SEEK_CUR);
	printf("after write(2) appends: offset = %ld\n", (long)end);
	feed((uint64_t)end);
	if (close(fd) != 0)
		fail("close");
}

/* Phase 3: read back through the first stream. */
static void read_back(FILE *f)
{
	if (fseek(f, 0, SEEK_END) != 0)
		fail("fseek end");
	long size = ftell(f);
	printf("size via fseek/ftell: %ld\n", size);
	unsigned char *data = malloc((size_t)size);
	if (!data)
		fail("malloc");
	rewind(f);
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		fail("fread all");
	int lines = 0;
	for (long i = 0; i < size; i++)
		lines += data[i] == '\n';
	uint64_t h = fnv(data, (size_t)size);
	printf("whole file: %d newlines, fnv %016llx\n", lines, (unsigned long long)h);
	feed(h);

	/* Random access: a slice from the middle, then back up and read a line. */
	if (fseek(f, size / 3, SEEK_SET) != 0)
		fail("fseek middle");
	unsigned char slice[64];
	if (fread(slice, 1, sizeof slice, f) != sizeof slice)
		fail("fread slice");
	h = fnv(slice, sizeof slice);
	printf("slice at %ld: fnv %016llx, matches whole read: %s\n", size / 3,
	       (unsigned long long)h, memcmp(slice, data + size / 3, sizeof slice) ? "no" : "yes");
	feed(h);
	if (fseek(f, -(long)sizeof slice - 100, SEEK_CUR) != 0)
		fail("fseek back");
	printf("after seeking back: ftell = %ld\n", ftell(f));
	char line[128];
	if (!fgets(line, sizeof line, f)) /* the rest of a line */
		fail("fgets 1");
	if (!fgets(line, sizeof line, f)) /* a whole line */
		fail("fgets 2");
	line[strcspn(line, "\n")] = '\0';
	printf("line after the seek: \"%s\"\n", line);
	feed(fnv((const unsigned char *)line, strlen(line)));
	free(data);
}

/* Phase 4: patch bytes in place through "r+", then append through "a". */
static void patch_and_append(const char *path)
{
	FILE *f = fopen(path, "r+");
	if (!f)
		fail("fopen r+");
	for (int i = 0; i < 5; i++) {
		if (fseek(f, 6 + i * 40, SEEK_SET) != 0)
			fail("fseek patch");
		if (fputc('A' + i, f) == EOF)
			fail("fputc patch");
	}
	if (fclose(f) != 0)
		fail("fclose r+");
	f = fopen(path, "a");
	if (!f)
		fail("fopen a");
	for (int i = 0; i < 3; i++)
		fprintf(f, "appended %d via stdio\n", i);
	if (fclose(f) != 0)
		fail("fclose a");
}

/* Phase 5: read with read(2) in odd-sized chunks, seeking with lseek. */
static void read_with_read(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		fail("open for read");
	off_t size = lseek(fd, 0, SEEK_END);
	if (size < 0 || lseek(fd, 0, SEEK_SET) != 0)
		fail("lseek");
	unsigned char buffer[333];
	uint64_t h = 0xcbf29ce484222325ULL;
	long total = 0;
	int reads = 0;
	for (;;) {
		ssize_t n = read(fd, buffer, sizeof buffer);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail("read");
		}
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			h = (h ^ buffer[i]) * 0x100000001b3ULL;
		total += n;
		reads++;
	}
	printf("read(2): size %ld, read %ld bytes in %d calls, fnv %016llx\n", (long)size, total,
	       reads, (unsigned long long)h);
	feed(h);
	/* The last line, found from the end. */
	if (lseek(fd, -40, SEEK_END) < 0)
		fail("lseek end");
	char tail[41];
	ssize_t n = read(fd, tail, 40);
	if (n != 40)
		fail("read tail");
	tail[40] = '\0';
	char *last = tail + 39;
	while (last > tail && last[-1] != '\n')
		last--;
	tail[39] = '\0';
	printf("last line: \"%s\"\n", last);
	if (close(fd) != 0)
		fail("close read");
}

static int busy_sum(int n)
{
	int s = 0;
	for (int i = 1; i <= n; i++)
		s += i % 7 * (i % 3);
	return s;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/xmig_file_io_test.tmp";

	/* A partial line stays in stdout's buffer while the file work runs. */
	printf("partial line:");
	FILE *f = fopen(path, "w+");
	if (!f)
		fail("fopen w+");
	printf(" opened,");
	printf(" sum %d,", busy_sum(1000));
	printf(" done\n");

	write_with_stdio(f);
	append_with_write(path);
	read_back(f);
	if (fclose(f) != 0)
		fail("fclose");

	printf("patching...");
	patch_and_append(path);
	printf(" patched\n");
	read_with_read(path);

	for (int i = 0; i < 5; i++)
		printf("%d%s", busy_sum(100 * i), i < 4 ? ", " : "");
	printf("\n");

	if (remove(path) != 0)
		fail("remove");
	errno = 0;
	FILE *gone = fopen(path, "r");
	printf("after remove: %s\n", gone ? "still there" : errno == ENOENT ? "gone" : "error");
	if (gone)
		fclose(gone);

	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
