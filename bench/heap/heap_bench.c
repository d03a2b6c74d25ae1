/* A malloc/free-heavy workload: a table of slots, each step picking one at
 * random and allocating into it (mostly 16 B - 4 KiB, a few larger, some
 * zeroed), reallocating it, or freeing it. Every block's first and last
 * bytes are written, so blocks are real memory, but the allocator's work
 * dominates. The same source is linked with glibc's malloc and with xmig's
 * heap (bench/heap/run). Argument: the number of steps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 8192

static uint64_t random_state = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

static size_t random_size(void)
{
	uint64_t kind = next_random() % 1000;
	uint64_t spread = next_random();
	if (kind < 600)
		return 16 + spread % 112;
	if (kind < 900)
		return 128 + spread % 896;
	if (kind < 990)
		return 1024 + spread % 3072;
	if (kind < 999)
		return 4096 + spread % 61440;
	return 65536 + spread % 983040;
}

static void touch(unsigned char *block, size_t size, long step)
{
	block[0] = (unsigned char)step;
	block[size - 1] = (unsigned char)(step >> 8);
}

int main(int argc, char **argv)
{
	long steps = argc > 1 ? atol(argv[1]) : 2000000;
	static unsigned char *blocks[SLOTS];
	static size_t sizes[SLOTS];
	uint64_t checksum = 0;
	for (long step = 0; step < steps; step++) {
		uint64_t choice = next_random();
		size_t slot = choice % SLOTS;
		unsigned action = (unsigned)(choice >> 40) % 16;
		if (blocks[slot] == NULL) {
			size_t size = random_size();
			blocks[slot] = action == 0 ? calloc(1, size) : malloc(size);
			if (blocks[slot] == NULL)
				return 1;
			sizes[slot] = size;
			touch(blocks[slot], size, step);
		} else if (action < 3) {
			size_t size = random_size();
			unsigned char *moved = realloc(blocks[slot], size);
			if (moved == NULL)
				return 1;
			blocks[slot] = moved;
			sizes[slot] = size;
			touch(moved, size, step);
		} else {
			checksum = checksum * 31 + blocks[slot][0] + blocks[slot][sizes[slot] - 1];
			free(blocks[slot]);
			blocks[slot] = NULL;
		}
	}
	for (size_t slot = 0; slot < SLOTS; slot++)
		free(blocks[slot]);
	printf("checksum %016llx\n", (unsigned long long)checksum);
	return 0;
}
