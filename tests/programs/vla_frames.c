/* Stresses: variable-length arrays — allocated afresh in every loop iteration
 * (stacksave/stackrestore), nested inside one another, two-dimensional VLAs
 * passed to callees, VLAs of odd byte sizes next to ones needing 8- and
 * 16-byte alignment, a VLA whose length grows with the recursion depth, and
 * heap-allocated list nodes pointing at the VLAs of live outer frames, walked
 * and updated by deeper calls. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t rng_state = 12345;

static uint32_t next_random(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static uint64_t hash_step(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

static double sum_doubles(int n, const double v[n])
{
	double s = 0.0;
	for (int i = 0; i < n; i++)
		s += v[i] * (i + 1);
	return s;
}

static void fill_matrix(int rows, int cols, long m[rows][cols], long base)
{
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			m[r][c] = base + r * 7 - c * 3 + (long)(next_random() % 11);
}

/* Trace of a (rows x cols) times b (cols x rows). */
static long trace_product(int rows, int cols, long a[rows][cols], long b[cols][rows])
{
	long trace = 0;
	for (int r = 0; r < rows; r++)
		for (int k = 0; k < cols; k++)
			trace += a[r][k] * b[k][r];
	return trace;
}

static void transpose_into(int rows, int cols, long (*src)[cols], long (*dst)[rows])
{
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			dst[c][r] = src[r][c];
}

/* VLAs in a loop, a VLA nested in an inner loop, and 2-D VLAs handed down. */
static uint64_t loop_vlas(int iterations)
{
	uint64_t h = 0;
	unsigned misaligned = 0;
	for (int it = 0; it < iterations; it++) {
		int n = 3 + (int)(next_random() % 29);
		char tag[n % 5 + 1];
		double values[n];
		for (int i = 0; i < n; i++)
			values[i] = it * 0.5 + (double)i / n;
		for (int i = 0; i < (int)sizeof tag; i++)
			tag[i] = (char)('a' + (it + i) % 26);
		misaligned += ((uintptr_t)values % _Alignof(double)) != 0;
		double s = sum_doubles(n, values);

		for (int j = 0; j < 3; j++) {
			int rows = 1 + (n + j) % 5;
			int cols = 2 + (it + j) % 4;
			long a[rows][cols];
			long b[cols][rows];
			misaligned += ((uintptr_t)a % _Alignof(long)) != 0;
			fill_matrix(rows, cols, a, it - j);
			transpose_into(rows, cols, a, b);
			b[0][0] += j;
			long t = trace_product(rows, cols, a, b);
			h = hash_step(h, (uint64_t)t);
		}
		/* values[] and tag[] must be intact after the inner VLAs came and went. */
		double again = sum_doubles(n, values);
		h = hash_step(h, (uint64_t)(int64_t)(s * 16.0));
		h = hash_step(h, again == s);
		for (int i = 0; i < (int)sizeof tag; i++)
			h = hash_step(h, (unsigned char)tag[i]);
		if (it % 50 == 0)
			printf("  loop %3d: n=%2d tag=%.*s sum=%.17g h=%016llx\n", it, n, (int)sizeof tag,
			       tag, s, (unsigned long long)h);
	}
	printf("  loop misaligned VLAs: %u\n", misaligned);
	return h;
}

/* Heap nodes that point at VLAs living in the frames of grow() callers. */
struct vla_ref {
	struct vla_ref *next;
	long *data;
	int length;
	int depth;
};

static struct vla_ref *chain;

static long walk_chain(long bump)
{
	long sum = 0;
	for (struct vla_ref *node = chain; node; node = node->next) {
		for (int i = 0; i < node->length; i++)
			sum += node->data[i] * (i % 7 + 1);
		node->data[node->length - 1] += bump + node->depth;
		node->data[0] -= bump;
	}
	return sum;
}

static long grow(int depth, int max_depth)
{
	int length = depth + 1;
	long data[length];
	_Alignas(16) unsigned char odd[(depth % 3) * 5 + 3];
	for (int i = 0; i < length; i++)
		data[i] = depth * 100L + i;
	for (int i = 0; i < (int)sizeof odd; i++)
		odd[i] = (unsigned char)(depth + i * 13);

	struct vla_ref *node = malloc(sizeof *node);
	if (!node) {
		perror("malloc");
		exit(EXIT_FAILURE);
	}
	node->data = data;
	node->length = length;
	node->depth = depth;
	node->next = chain;
	chain = node;

	long result;
	if (depth == max_depth) {
		result = walk_chain(7);
	} else {
		result = grow(depth + 1, max_depth);
		if (depth % 8 == 0)
			result += walk_chain(1) % 100003;
	}

	long own = 0;
	for (int i = 0; i < length; i++)
		own = own * 3 % 1000000007L + data[i];
	unsigned odd_sum = 0;
	for (int i = 0; i < (int)sizeof odd; i++)
		odd_sum = odd_sum * 33u + odd[i];
	chain = node->next;
	free(node);
	if (depth % 25 == 0)
		printf("  grow %3d: first=%ld last=%ld own=%ld odd=%u result=%ld\n", depth, data[0],
		       data[length - 1], own, odd_sum, result);
	return (result * 31 + own + odd_sum) % 1000000007L;
}

/* A VLA sized by the argument, filled by a callee that declares VLAs itself. */
static unsigned inner_vla_sum(int n, const unsigned char *bytes)
{
	unsigned counts[n % 16 + 1];
	for (int i = 0; i < (int)(sizeof counts / sizeof counts[0]); i++)
		counts[i] = 0;
	for (int i = 0; i < n; i++)
		counts[bytes[i] % (n % 16 + 1)] += bytes[i];
	unsigned s = 0;
	for (int i = 0; i < n % 16 + 1; i++)
		s = s * 2654435761u + counts[i];
	return s;
}

static uint64_t big_vla(int n)
{
	unsigned char buffer[n];
	for (int i = 0; i < n; i++)
		buffer[i] = (unsigned char)(i * 7 + (i >> 9));
	uint64_t h = 0;
	for (int chunk = 0; chunk + 4096 <= n; chunk += 4096) {
		unsigned v = inner_vla_sum(4096 - chunk / 4096, buffer + chunk);
		h = hash_step(h, v);
	}
	h = hash_step(h, buffer[n - 1]);
	return h;
}

int main(void)
{
	uint64_t total = 0;

	uint64_t l = loop_vlas(300);
	printf("loop_vlas: %016llx\n", (unsigned long long)l);
	total = hash_step(total, l);

	for (int round = 0; round < 2; round++) {
		long g = grow(0, 150 + round * 50);
		printf("grow round %d: %ld (chain %s)\n", round, g, chain ? "left" : "empty");
		total = hash_step(total, (uint64_t)g);
	}

	uint64_t b = big_vla(200003);
	printf("big_vla: %016llx\n", (unsigned long long)b);
	total = hash_step(total, b);

	printf("checksum: %016llx\n", (unsigned long long)total);
	return 0;
}
