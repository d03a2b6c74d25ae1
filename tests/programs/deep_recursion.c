/* Stresses: a call chain 8000 frames deep in which every frame keeps small
 * local arrays (one address-taken and written by its child through a pointer,
 * one private) and several scalars of different types live across its
 * recursive call, plus mutual recursion between two functions with
 * differently shaped frames. */
#include <stdint.h>
#include <stdio.h>

#define DEPTH 8000
#define MUTUAL_DEPTH 6000

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ULL;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 32;
	return x;
}

/* Called with the parent's array: the child leaves a mark in its caller's
 * frame that the caller checks after the recursive call returns. */
static void mark_parent(int *parent_cells, int depth, uint64_t seed)
{
	if (!parent_cells)
		return;
	parent_cells[depth % 4] += (int)(seed % 97) + 1;
	parent_cells[4] ^= depth;
}

static uint64_t descend(int depth, uint64_t seed, double weight, int *parent_cells)
{
	int cells[5];
	unsigned char bytes[7];
	long scalar_long = (long)depth * 3 - 7;
	double scalar_double = weight * 1.0009765625 + depth;
	short scalar_short = (short)(seed & 0x7fff);
	signed char scalar_char = (signed char)(seed >> 11);
	float scalar_float = (float)depth * 0.25f + 1.5f;

	for (int i = 0; i < 5; i++)
		cells[i] = (int)(seed % 1000) - 500 + i * depth;
	for (int i = 0; i < 7; i++)
		bytes[i] = (unsigned char)(seed >> (i * 5 + 3));
	mark_parent(parent_cells, depth, seed);

	uint64_t below;
	if (depth == 0)
		below = mix64(seed ^ 0x1234);
	else
		below = descend(depth - 1, mix64(seed + (uint64_t)depth), scalar_double * 0.5, cells);

	/* Everything declared above must have survived the call. */
	uint64_t h = below;
	for (int i = 0; i < 5; i++)
		h = h * 1000003u + (uint64_t)(int64_t)cells[i];
	for (int i = 0; i < 7; i++)
		h = h * 131u + bytes[(i + depth) % 7];
	h ^= (uint64_t)scalar_long * 0x100000001b3ULL;
	h += (uint64_t)(int64_t)scalar_short;
	h += (uint64_t)(int64_t)scalar_char << 7;
	h ^= (uint64_t)(int64_t)(scalar_double * 64.0);
	h += (uint64_t)(int64_t)(scalar_float * 4.0f);
	if (depth % 1000 == 0)
		printf("  descend depth %5d: cells %d %d %d %d %d  h=%016llx\n", depth, cells[0],
		       cells[1], cells[2], cells[3], cells[4], (unsigned long long)h);
	return h;
}

static uint64_t pong(int n, uint64_t acc, double level);

/* ping keeps an array of doubles live; pong keeps one of 16-bit values. */
static uint64_t ping(int n, uint64_t acc, double level)
{
	double samples[3] = {level, level * 0.5 + n, -level + 0.125 * n};
	long countdown = n;
	if (n == 0)
		return acc ^ 0xabcdef;
	uint64_t r = pong(n - 1, mix64(acc + (uint64_t)n), samples[1] * 0.75);
	r = r * 31u + (uint64_t)(int64_t)(samples[0] * 8.0);
	r = r * 31u + (uint64_t)(int64_t)(samples[2] * 8.0);
	r = r * 31u + (uint64_t)(int64_t)(samples[n % 3] * 2.0);
	r += (uint64_t)countdown;
	if (n % 1500 == 0)
		printf("  ping %4d: %.17g %.17g %.17g r=%016llx\n", n, samples[0], samples[1],
		       samples[2], (unsigned long long)r);
	return r;
}

static uint64_t pong(int n, uint64_t acc, double level)
{
	unsigned short halves[4];
	int local_n = n * 2 + 1;
	for (int i = 0; i < 4; i++)
		halves[i] = (unsigned short)(acc >> (16 * i));
	if (n == 0)
		return acc + 77;
	uint64_t r = ping(n - 1, acc ^ (uint64_t)local_n, level + 1.0 / (n + 1));
	for (int i = 0; i < 4; i++)
		r = r * 65537u + halves[(i + n) & 3];
	r ^= (uint64_t)local_n << 3;
	if (n % 1500 == 1)
		printf("  pong %4d: %04x %04x %04x %04x r=%016llx\n", n, halves[0], halves[1],
		       halves[2], halves[3], (unsigned long long)r);
	return r;
}

/* Depth-first sum over a counted recursion tree (narrow but deep): checks
 * that many returns through the same frames in sequence work. */
static long zigzag(int depth, long carry)
{
	long here[2] = {carry, depth};
	if (depth <= 0)
		return carry + 1;
	long first = zigzag(depth - 1 - (depth % 3 == 0), here[0] * 3 % 10007);
	long second = depth % 500 == 0 ? zigzag(depth / 10, first % 101) : 0;
	return (first + second + here[1]) % 1000000007L;
}

int main(void)
{
	uint64_t total = 0;
	for (int round = 0; round < 3; round++) {
		int top[5] = {0, 0, 0, 0, 0};
		printf("round %d\n", round);
		uint64_t h = descend(DEPTH - round * 1000, 0x5eed0000u + (uint64_t)round,
		                     1.0 + round, top);
		printf("round %d: h=%016llx top=%d %d %d %d %d\n", round, (unsigned long long)h,
		       top[0], top[1], top[2], top[3], top[4]);
		total = mix64(total ^ h) + (uint64_t)(top[0] + top[1] + top[2] + top[3] + top[4]);
	}

	uint64_t m = ping(MUTUAL_DEPTH, 42, 0.5);
	printf("mutual: %016llx\n", (unsigned long long)m);
	total = mix64(total ^ m);

	long z = zigzag(DEPTH, 5);
	printf("zigzag: %ld\n", z);
	total = mix64(total ^ (uint64_t)z);

	printf("checksum: %016llx\n", (unsigned long long)total);
	return 0;
}
