/* A call chain main -> a -> b (recursing twice) -> c -> d -> leaf, three
 * times over, every caller with values live across its calls: a migration
 * point at each entry captures stacks one to eight frames deep, each frame
 * with live values to find. */
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

/* Opaque to the optimizer, so that no value folds into a constant. */
static volatile long noise = 0x2545f491;

static NOINLINE long leaf(long x)
{
	return (x ^ noise) * 0x9e3779b1 + 17;
}

static NOINLINE long d(long x)
{
	long p = x * 7 + noise, q = x ^ 0x5a5a, r = x - noise;
	long s = leaf(p) + leaf(q);
	return s ^ (p * q - r);
}

static NOINLINE long c(long x)
{
	long v0 = x * 3 + noise, v1 = x ^ 0x55, v2 = x * x, v3 = x - 7, v4 = x << 3,
	     v5 = x + noise * 5, v6 = x * 11;
	long r = d(v0 + v6);
	r += d(r ^ v1);
	return r + v0 * v1 - v2 * v3 + (v4 ^ v5) + v6;
}

static NOINLINE long b(long x, int depth)
{
	long u = x + noise, w = x * 13, y = x ^ noise, z = x - 3;
	long r = depth > 0 ? b(u ^ w, depth - 1) : c(u);
	return r * u + w - y * z;
}

static NOINLINE long a(long x)
{
	long g = x * 5 + noise, h = x ^ 0x1234, k = x * x - noise;
	long r = b(g, 2);
	return r + g * h - k;
}

int main(void)
{
	long total = 0;
	for (int i = 0; i < 3; i++)
		total += a(i);
	printf("chain: %ld\n", total);
	return 0;
}
