/* A program whose migrated state is as large as asked: it fills the first
 * MEGABYTES MiB of a global array (aligned data, so it migrates), reaches a
 * migration point at the entry of checkpoint_here (the second point of the
 * run), and prints a sum that shows the bytes came back. */
#include <stdio.h>
#include <stdlib.h>

#define LIMIT_MEGABYTES 1024
static unsigned char payload[(size_t)LIMIT_MEGABYTES << 20];

__attribute__((noinline)) static unsigned long checkpoint_here(size_t size)
{
	unsigned long sum = 0;
	for (size_t i = 0; i < size; i += 4096)
		sum += payload[i];
	return sum;
}

int main(int argc, char **argv)
{
	size_t megabytes = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
	if (megabytes == 0 || megabytes > LIMIT_MEGABYTES) {
		fprintf(stderr, "usage: image_size MEGABYTES (1-%d)\n", LIMIT_MEGABYTES);
		return 2;
	}
	size_t size = megabytes << 20;
	for (size_t i = 0; i < size; i++)
		payload[i] = (unsigned char)(i * 2654435761u >> 13) | 1;
	printf("sum %lu\n", checkpoint_here(size));
	return 0;
}
