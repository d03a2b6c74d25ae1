/* depth N: a stack N frames deep, main and N - 1 levels of descend, each
 * keeping values of several types live across its call, so that every frame
 * of an image captured at the innermost level has something to translate.
 * Every function entry is a migration point, and only main and descend are
 * instrumented: the N-th point reached (XMIG_CAPTURE_AT=N) is the innermost
 * frame's entry, and an image captured there has N frames. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t mix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ULL;
	x ^= x >> 29;
	return x;
}

static __attribute__((noinline)) uint64_t descend(long level, uint64_t seed, double weight)
{
	int cells[3] = {(int)level, (int)(seed & 0xffff), (int)(seed >> 48)};
	double scaled = weight * 1.5 + (double)level;
	if (level <= 1)
		return mix(seed) ^ (uint64_t)cells[1];
	uint64_t below = descend(level - 1, mix(seed + (uint64_t)level), weight * 0.5);
	/* Everything above must have survived the call. */
	return below * 31u + (uint64_t)cells[0] + (uint64_t)cells[1] * 7u +
	       (uint64_t)cells[2] * 13u + (uint64_t)(int64_t)(scaled * 4.0);
}

int main(int argc, char **argv)
{
	long depth = argc == 2 ? atol(argv[1]) : 0;
	if (depth < 1) {
		fprintf(stderr, "usage: depth N (N >= 1)\n");
		return 2;
	}
	uint64_t h = depth > 1 ? descend(depth - 1, 0x5eed, 1.0) : 0;
	printf("depth %ld: %016llx\n", depth, (unsigned long long)h);
	return 0;
}
