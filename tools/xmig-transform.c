/* xmig-transform: turns an image captured by one binary of a program into
 * one the program's binary for the other ISA restores. */
#define _GNU_SOURCE
#include "image_file.h"
#include "xmig/program.h"
#include "xmig/transform.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_REFUSED = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("usage: xmig-transform IMAGE --from BINARY --to BINARY -o OUTPUT [-v]\n"
	      "  Rebuilds the native stack and registers of IMAGE, captured by BINARY --from,\n"
	      "  for BINARY --to, the same program's binary for the other ISA (the ISAs come\n"
	      "  from the binaries). With the same binary on both sides it is the identity.\n"
	      "  IMAGE and OUTPUT may be -, for standard input and output.\n"
	      "  -o, --output FILE  where the new image goes (created 0600)\n"
	      "  -v, --verbose      list every frame, source -> destination, with its values,\n"
	      "                     and the time the transformation took, on stderr\n"
	      "  -h, --help         this text\n"
	      "Exit status: 0 done, 1 the image cannot be transformed (the message says why),\n"
	      "2 bad usage or unreadable files.\n",
	      out);
}

static int read_all(int descriptor, uint8_t **data, size_t *size)
{
	size_t capacity = 1 << 20, used = 0;
	uint8_t *buffer = malloc(capacity);
	if (!buffer)
		return -1;
	for (;;) {
		if (used == capacity) {
			uint8_t *grown = realloc(buffer, capacity * 2);
			if (!grown) {
				free(buffer);
				errno = ENOMEM;
				return -1;
			}
			buffer = grown;
			capacity *= 2;
		}
		ssize_t n = read(descriptor, buffer + used, capacity - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buffer);
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	*data = buffer;
	*size = used;
	return 0;
}

/* Standard output, or a file written whole (image_file.h). */
static int write_image(const char *path, const uint8_t *data, size_t size)
{
	if (strcmp(path, "-") == 0)
		return xmig_write_all(STDOUT_FILENO, data, size);
	return xmig_write_image_file(path, data, size);
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) * 1e-9;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
	        {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
	        {"output", required_argument, NULL, 'o'}, {"verbose", no_argument, NULL, 'v'},
	        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	const char *from = NULL, *to = NULL, *output = NULL;
	int verbose = 0, option;
	while ((option = getopt_long(argc, argv, "f:t:o:vh", options, NULL)) != -1) {
		switch (option) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !from || !to || !output) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *input = argv[optind];

	/* The destination's image names its binary; an absolute path stays
	 * meaningful wherever it is restored from. */
	char destination_path[PATH_MAX];
	if (!realpath(to, destination_path)) {
		fprintf(stderr, "xmig-transform: %s: %s\n", to, strerror(errno));
		return EXIT_USAGE;
	}
	struct xmig_program source, destination;
	struct xmig_error error;
	if (xmig_program_load(from, &source, &error) != 0) {
		fprintf(stderr, "xmig-transform: %s\n", error.message);
		return EXIT_USAGE;
	}
	if (xmig_program_load(destination_path, &destination, &error) != 0) {
		fprintf(stderr, "xmig-transform: %s\n", error.message);
		xmig_program_free(&source);
		return EXIT_USAGE;
	}

	int status = EXIT_USAGE;
	uint8_t *image = NULL;
	size_t size = 0;
	int descriptor = strcmp(input, "-") == 0 ? STDIN_FILENO : open(input, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0 || read_all(descriptor, &image, &size) != 0) {
		fprintf(stderr, "xmig-transform: %s: %s\n", input, strerror(errno));
		goto out;
	}
	if (descriptor != STDIN_FILENO)
		close(descriptor);

	struct timespec started;
	clock_gettime(CLOCK_MONOTONIC, &started);
	struct xmig_transform_result result;
	if (xmig_transform(image, size, &source, &destination, verbose ? stderr : NULL, &result,
	                   &error) != 0) {
		fprintf(stderr, "xmig-transform: cannot transform %s: %s\n", input, error.message);
		status = EXIT_REFUSED;
		goto out;
	}
	double elapsed = seconds_since(&started);
	if (write_image(output, result.image, result.size) != 0) {
		fprintf(stderr, "xmig-transform: writing %s: %s\n", output, strerror(errno));
		xmig_transform_result_free(&result);
		goto out;
	}
	if (verbose)
		fprintf(stderr, "xmig-transform: %zu frames, %s -> %s, %zu bytes, %.1f us\n",
		        result.frame_count, source.isa->name, destination.isa->name, result.size,
		        elapsed * 1e6);
	xmig_transform_result_free(&result);
	status = 0;
out:
	free(image);
	xmig_program_free(&source);
	xmig_program_free(&destination);
	return status;
}
