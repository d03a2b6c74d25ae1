/* The floor a migration's downtime is measured against: writing N bytes into
 * fresh memory and reading them back, median of RUNS, in milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: floor BYTES RUNS\n", stderr);
		return 2;
	}
	size_t bytes = strtoull(argv[1], NULL, 10);
	int runs = atoi(argv[2]);
	if (bytes == 0 || runs <= 0)
		return 2;
	unsigned char *source = malloc(bytes);
	double *times = calloc((size_t)runs, sizeof *times);
	if (!source || !times)
		return 1;
	memset(source, 0x5a, bytes);
	volatile unsigned long sink = 0;
	for (int r = 0; r < runs; r++) {
		double start = now();
		/* Fresh pages each time, as a new process's are. */
		unsigned char *copy = malloc(bytes);
		if (!copy)
			return 1;
		memcpy(copy, source, bytes);
		unsigned long sum = 0;
		for (size_t i = 0; i < bytes; i += 64)
			sum += copy[i];
		sink += sum;
		free(copy);
		times[r] = now() - start;
	}
	qsort(times, (size_t)runs, sizeof *times, by_value);
	printf("%.4f\n", times[runs / 2] * 1e3);
	(void)sink;
	return 0;
}
