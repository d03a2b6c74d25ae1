/* The floor a migration's downtime is measured against: writing N bytes into
 * memory and reading every word back, median of RUNS, in milliseconds. Two
 * figures: into pages never touched before, as a restored process's are
 * (each one a page fault), and into the same, already-present pages. N is
 * rounded down to whole words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

static volatile unsigned long sink;

static void write_and_read(unsigned char *destination, const unsigned char *source, size_t bytes)
{
	memcpy(destination, source, bytes);
	unsigned long sum = 0;
	for (size_t i = 0; i < bytes; i += sizeof sum) {
		unsigned long word;
		memcpy(&word, destination + i, sizeof word);
		sum += word;
	}
	sink += sum;
}

/* Median milliseconds of RUNS copies; into fresh pages if `reused` is NULL. */
static double median_ms(unsigned char *reused, const unsigned char *source, size_t bytes,
                        double *times, int runs)
{
	for (int r = 0; r < runs; r++) {
		double start = now();
		unsigned char *destination = reused;
		/* mmap and munmap each time: malloc would hand back the last
		 * run's pages, already faulted in. */
		if (!reused) {
			destination = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (destination == MAP_FAILED)
				return -1;
		}
		write_and_read(destination, source, bytes);
		if (!reused)
			munmap(destination, bytes);
		times[r] = now() - start;
	}
	qsort(times, (size_t)runs, sizeof *times, by_value);
	return times[runs / 2] * 1e3;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: floor BYTES RUNS\n"
		      "prints the median ms into fresh pages, then into reused ones\n",
		      stderr);
		return 2;
	}
	size_t bytes = strtoull(argv[1], NULL, 10) / sizeof(unsigned long) * sizeof(unsigned long);
	int runs = atoi(argv[2]);
	if (bytes == 0 || runs <= 0)
		return 2;
	unsigned char *source = malloc(bytes), *reused = malloc(bytes);
	double *times = calloc((size_t)runs, sizeof *times);
	if (!source || !reused || !times)
		return 1;
	memset(source, 0x5a, bytes);
	memset(reused, 0, bytes);
	double fresh = median_ms(NULL, source, bytes, times, runs);
	double hot = median_ms(reused, source, bytes, times, runs);
	if (fresh < 0)
		return 1;
	printf("%.4f %.4f\n", fresh, hot);
	return 0;
}
