/* Keeps a standard stream where a program keeps its own data, as a
 * compressor keeps its output handle: in a malloc'd struct, and stdout in a
 * global too. Every step writes through them.
 *   standard_streams stdout|stderr|stdin ITERATIONS
 * stdout has one address in both binaries, and stderr and stdin are streams
 * in the heap (runtime/file_streams.h), so the program moves. In stdin mode
 * the copy of stdin is only kept, and the lines go to stdout: started with
 * a descriptor 0 that cannot be read, stdin stays the C library's own, at
 * another address on each ISA, and the program cannot move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sink {
	FILE *stream;
	FILE *kept;
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
	sink->kept = strcmp(argv[1], "stdin") == 0 ? stdin : NULL;
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
