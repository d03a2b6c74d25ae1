/* Keeps a standard stream where a program keeps its own data, as a
 * compressor keeps its output handle: in a malloc'd struct, and stdout in a
 * global too. Every step writes through them.
 *   standard_streams stdout|stderr ITERATIONS
 * stdout has one address in both binaries, so the program moves; stderr is
 * at another address on each ISA, so it cannot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sink {
	FILE *stream;
	unsigned long written;
};

static FILE *totals;

static __attribute__((noinline)) void emit(struct sink *sink, unsigned long value)
{
	fprintf(sink->stream, "%lu\n", value);
	sink->written++;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	struct sink *sink = malloc(sizeof *sink);
	if (!sink)
		return 1;
	sink->stream = strcmp(argv[1], "stderr") == 0 ? stderr : stdout;
	sink->written = 0;
	totals = stdout;
	long iterations = atol(argv[2]);
	unsigned long value = 1;
	/* The inner loop makes no call, so it has no migration point: one
	 * point per line. */
	for (long i = 0; i < iterations; i += 50000) {
		for (long j = 0; j < 50000; j++)
			value = value * 6364136223846793005ul + (unsigned long)j;
		emit(sink, value >> 40);
	}
	fprintf(totals, "%lu lines\n", sink->written);
	free(sink);
	return 0;
}
