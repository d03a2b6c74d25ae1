/* latency [-r RUNS] SOURCE_BINARY DESTINATION_BINARY IMAGE...
 *   The latency of xmig_transform alone: both binaries are loaded once and
 *   each image read into memory before anything is timed. Each image is
 *   transformed RUNS times (default 200), and so is the floor, a memcpy of
 *   the image's bytes. Prints, per image: frames, image bytes, the median
 *   and 90th percentile of the transformation, the median memcpy, and the
 *   median thread CPU time of the transformation (below the wall-clock
 *   median when the thread was preempted), in microseconds. */
#define _POSIX_C_SOURCE 200809L
#include "xmig/program.h"
#include "xmig/transform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_us(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec * 1e-3;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The q-quantile of samples, sorted in place (nearest rank). */
static double quantile(double *samples, int count, double q)
{
	qsort(samples, (size_t)count, sizeof *samples, compare_doubles);
	int rank = (int)(q * (count - 1) + 0.5);
	return samples[rank];
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	if (!file)
		return NULL;
	size_t capacity = 1 << 16, used = 0;
	uint8_t *data = malloc(capacity);
	while (data) {
		used += fread(data + used, 1, capacity - used, file);
		if (used < capacity)
			break;
		uint8_t *grown = realloc(data, capacity *= 2);
		if (!grown)
			free(data);
		data = grown;
	}
	int failed = ferror(file) || !data;
	fclose(file);
	if (failed) {
		free(data);
		errno = errno ? errno : EIO;
		return NULL;
	}
	*size = used;
	return data;
}

/* Keeps the floor's copies from being optimised away. */
static volatile uint8_t sink;

static int measure(const char *path, const struct xmig_program *source,
                   const struct xmig_program *destination, int runs, double *samples,
                   double *cpu_samples)
{
	size_t size;
	uint8_t *image = read_file(path, &size);
	if (!image) {
		fprintf(stderr, "latency: %s: %s\n", path, strerror(errno));
		return -1;
	}
	uint8_t *copy = malloc(size);
	if (!copy) {
		free(image);
		fprintf(stderr, "latency: out of memory\n");
		return -1;
	}
	struct xmig_transform_result result;
	struct xmig_error error;
	size_t frames = 0;
	/* One untimed run first: it checks the image and warms the caches. */
	for (int run = -1; run < runs; run++) {
		double start = now_us(CLOCK_MONOTONIC);
		double cpu_start = now_us(CLOCK_THREAD_CPUTIME_ID);
		if (xmig_transform(image, size, source, destination, NULL, &result, &error) != 0) {
			fprintf(stderr, "latency: cannot transform %s: %s\n", path, error.message);
			free(copy);
			free(image);
			return -1;
		}
		double elapsed = now_us(CLOCK_MONOTONIC) - start;
		double cpu = now_us(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
		frames = result.frame_count;
		xmig_transform_result_free(&result);
		if (run >= 0) {
			samples[run] = elapsed;
			cpu_samples[run] = cpu;
		}
	}
	double median = quantile(samples, runs, 0.5);
	double p90 = quantile(samples, runs, 0.9);
	for (int run = -1; run < runs; run++) {
		double start = now_us(CLOCK_MONOTONIC);
		memcpy(copy, image, size);
		sink = copy[size - 1];
		double elapsed = now_us(CLOCK_MONOTONIC) - start;
		if (run >= 0)
			samples[run] = elapsed;
	}
	double floor = quantile(samples, runs, 0.5);
	double cpu_median = quantile(cpu_samples, runs, 0.5);
	printf("%-40s %7zu %10zu %10.2f %10.2f %10.2f %10.2f\n", path, frames, size, median, p90,
	       floor, cpu_median);
	free(copy);
	free(image);
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 200, option;
	while ((option = getopt(argc, argv, "r:")) != -1) {
		if (option == 'r' && atoi(optarg) > 0) {
			runs = atoi(optarg);
			continue;
		}
		optind = argc + 1;
		break;
	}
	if (optind + 3 > argc) {
		fprintf(stderr,
		        "usage: latency [-r RUNS] SOURCE_BINARY DESTINATION_BINARY IMAGE...\n");
		return 2;
	}
	struct xmig_program source, destination;
	struct xmig_error error;
	if (xmig_program_load(argv[optind], &source, &error) != 0) {
		fprintf(stderr, "latency: %s\n", error.message);
		return 2;
	}
	if (xmig_program_load(argv[optind + 1], &destination, &error) != 0) {
		fprintf(stderr, "latency: %s\n", error.message);
		xmig_program_free(&source);
		return 2;
	}
	double *samples = malloc(2 * (size_t)runs * sizeof *samples);
	int status = samples ? 0 : 1;
	if (status == 0)
		printf("%-40s %7s %10s %10s %10s %10s %10s\n", "image", "frames", "bytes",
		       "median-us", "p90-us", "memcpy-us", "cpu-us");
	for (int i = optind + 2; i < argc && status == 0; i++)
		if (measure(argv[i], &source, &destination, runs, samples, samples + runs) != 0)
			status = 1;
	free(samples);
	xmig_program_free(&destination);
	xmig_program_free(&source);
	return status;
}
