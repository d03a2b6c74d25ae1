/* Stresses: FILE streams kept open for the whole run, as a program with a
 * log and an input file keeps them: a log written through a fully buffered
 * stream, an input read line by line with ungetc and fseek/ftell, a stream
 * from fdopen over a descriptor opened with open(2), a tmpfile, a stream
 * reopened with freopen, one with a buffer of the program's own (setvbuf),
 * end-of-file and error flags set and cleared, and FILE * values kept in a
 * struct in the heap. Every stream is written or read between calls all
 * through the run, and what the files hold is printed at the end.
 * Usage: open_streams [PATH]; files PATH.* are removed at the end. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct streams {
	FILE *log;
	FILE *input;
	FILE *described;
	FILE *scratch;
	FILE *reopened;
	FILE *own_buffer;
};

static char own_buffer[96];
static uint64_t checksum;

static void feed(uint64_t value)
{
	checksum = (checksum ^ value) * 0x100000001b3ULL;
}

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static char *path_of(const char *base, const char *suffix)
{
	char *path = malloc(strlen(base) + strlen(suffix) + 1);
	if (!path)
		fail("malloc");
	strcpy(path, base);
	strcat(path, suffix);
	return path;
}

static void write_input(const char *path)
{
	FILE *file = fopen(path, "w");
	if (!file)
		fail("fopen input for writing");
	for (int i = 0; i < 400; i++)
		fprintf(file, "line %03d: %d\n", i, (i * 7919) % 1009);
	if (fclose(file) != 0)
		fail("fclose input");
}

/* One step of the run: every stream is used, and work between uses makes
 * calls (points) while each is mid-buffer. */
static long step(struct streams *s, int round)
{
	char line[64];
	long total = 0;
	for (int i = 0; i < 3; i++) {
		if (!fgets(line, sizeof line, s->input)) {
			/* At the end: the flag is set, then cleared to read again. */
			feed(feof(s->input) ? 1 : 2);
			clearerr(s->input);
			if (fseek(s->input, 0, SEEK_SET) != 0)
				fail("fseek input");
			continue;
		}
		int value = atoi(strchr(line, ':') + 1);
		total += value;
		/* Look at the next character and put it back. */
		int next = fgetc(s->input);
		if (next != EOF && ungetc(next, s->input) == EOF)
			fail("ungetc");
		feed((uint64_t)next);
	}
	fprintf(s->log, "round %d: total %ld at %ld\n", round, total, ftell(s->input));
	fprintf(s->described, "%d;", round);
	fprintf(s->scratch, "%08lx", (unsigned long)(total * 2654435761u));
	fprintf(s->reopened, "[%d]", round % 10);
	fprintf(s->own_buffer, "r%d ", round);
	return total;
}

static void print_file(const char *label, const char *path)
{
	FILE *file = fopen(path, "r");
	if (!file)
		fail("fopen to print");
	uint64_t hash = 0xcbf29ce484222325ULL;
	long bytes = 0;
	int c;
	while ((c = fgetc(file)) != EOF) {
		hash = (hash ^ (unsigned char)c) * 0x100000001b3ULL;
		bytes++;
	}
	fclose(file);
	printf("%s: %ld bytes, hash %016llx\n", label, bytes, (unsigned long long)hash);
}

int main(int argc, char **argv)
{
	const char *base = argc > 1 ? argv[1] : "/tmp/xmig_open_streams";
	char *log_path = path_of(base, ".log");
	char *input_path = path_of(base, ".input");
	char *described_path = path_of(base, ".fd");
	char *reopened_path = path_of(base, ".reopened");
	char *own_path = path_of(base, ".own");
	write_input(input_path);

	struct streams *s = calloc(1, sizeof *s);
	if (!s)
		fail("calloc");
	if (!(s->log = fopen(log_path, "w")) || !(s->input = fopen(input_path, "r")))
		fail("fopen");
	int descriptor = open(described_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (descriptor < 0 || !(s->described = fdopen(descriptor, "w")))
		fail("fdopen");
	if (!(s->scratch = tmpfile()))
		fail("tmpfile");
	/* freopen keeps the FILE * and gives it another file. */
	if (!(s->reopened = fopen(log_path, "r")) ||
	    !(s->reopened = freopen(reopened_path, "w", s->reopened)))
		fail("freopen");
	if (!(s->own_buffer = fopen(own_path, "w")) ||
	    setvbuf(s->own_buffer, own_buffer, _IOFBF, sizeof own_buffer) != 0)
		fail("setvbuf");
	/* A read from a write-only stream sets its error flag. */
	if (fgetc(s->described) != EOF || !ferror(s->described))
		fail("error flag");
	clearerr(s->described);

	long grand = 0;
	for (int round = 0; round < 120; round++) {
		grand += step(s, round);
		if (round % 20 == 19)
			printf("round %d: grand %ld, checksum %016llx\n", round, grand,
			       (unsigned long long)checksum);
	}

	/* The tmpfile is read back through the same stream. */
	rewind(s->scratch);
	uint64_t scratch_hash = 0;
	int c;
	while ((c = fgetc(s->scratch)) != EOF)
		scratch_hash = scratch_hash * 31 + (unsigned)c;
	printf("tmpfile hash %016llx\n", (unsigned long long)scratch_hash);

	FILE *closing[] = {s->log, s->input, s->described, s->scratch, s->reopened, s->own_buffer};
	for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (fclose(closing[i]) != 0)
			fail("fclose");
	print_file("log", log_path);
	print_file("fd", described_path);
	print_file("reopened", reopened_path);
	print_file("own buffer", own_path);
	const char *paths[] = {log_path, input_path, described_path, reopened_path, own_path};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		remove(paths[i]);
	printf("checksum %016llx\n", (unsigned long long)checksum);
	return 0;
}
