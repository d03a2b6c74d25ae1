/* Stresses: far more values live across calls than there are callee-saved
 * registers — 24 doubles, 6 floats and 24 integers of mixed widths (char,
 * short, int, long) — in loops around opaque calls, around an indirect call,
 * across a recursive call, and as arguments to a function taking more
 * arguments than either ISA passes in registers. */
#include <stdint.h>
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

#define LIST24(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) \
	X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)
#define LIST6(X) X(0) X(1) X(2) X(3) X(4) X(5)

static uint64_t side_state = 0x853c49e6748fea9bULL;
static uint64_t checksum;

/* The optimizer cannot see through this: it changes global state every call. */
static NOINLINE long poke(long k)
{
	side_state = side_state * 6364136223846793005ULL + (uint64_t)k + 1442695040888963407ULL;
	return (long)((side_state >> 40) & 0xff) - 128;
}

static long poke_twice(long k)
{
	return poke(k) + poke(k + 1);
}

static long (*volatile indirect_poke)(long) = poke_twice;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

#define DECL_D(n) double d##n = 1.0 + n * 0.375;
#define DECL_SMALL(n)                                    \
	signed char c##n = (signed char)(n * 19 - 50);   \
	short s##n = (short)(n * 1001 - 3000);            \
	int i##n = n * 100003 - 7;                       \
	long l##n = (long)n * 10000000019L + 5;          \
	float f##n = 0.5f + n * 0.25f;

#define UPD_D(n) d##n = d##n * 0.875 + (double)k * (n + 1) * 0.0078125;
#define UPD_SMALL(n)                                                              \
	c##n = (signed char)(c##n * 3 + k2 + n);                                  \
	s##n = (short)(s##n * 5 - k + n);                                         \
	i##n = (int)((unsigned)i##n * 2654435761u + (unsigned)k2);                \
	l##n = (long)((unsigned long)l##n * 31u + (unsigned long)(k * (n + 1))); \
	f##n = f##n * 0.75f + (float)k2 * 0.125f;

#define SUM_D(n) dsum += d##n * (n + 1);
#define SUM_SMALL(n)                               \
	isum = isum * 31u + (uint64_t)(int64_t)c##n;  \
	isum = isum * 31u + (uint64_t)(int64_t)s##n;  \
	isum = isum * 31u + (uint64_t)(int64_t)i##n;  \
	isum = isum * 31u + (uint64_t)l##n;           \
	fsum += f##n;

static void report(const char *what, int step, double dsum, double fsum, uint64_t isum)
{
	printf("  %s %4d: dsum=%.17g fsum=%.9g isum=%016llx\n", what, step, dsum, fsum,
	       (unsigned long long)isum);
	feed((uint64_t)(int64_t)(dsum * 4096.0));
	feed((uint64_t)(int64_t)(fsum * 4096.0));
	feed(isum);
}

/* Two direct calls per iteration; every value is live across both. */
static void live_across_direct_calls(int iterations)
{
	LIST24(DECL_D)
	LIST6(DECL_SMALL)
	for (int it = 0; it < iterations; it++) {
		long k = poke(it);
		LIST24(UPD_D)
		long k2 = poke(k ^ it);
		LIST6(UPD_SMALL)
		if (it % 250 == 249) {
			double dsum = 0.0, fsum = 0.0;
			uint64_t isum = 0;
			LIST24(SUM_D)
			LIST6(SUM_SMALL)
			report("direct", it, dsum, fsum, isum);
		}
	}
}

/* The same through an indirect call, with values also changing inside the
 * loop between the calls in a data-dependent branch. */
static void live_across_indirect_calls(int iterations)
{
	LIST24(DECL_D)
	LIST6(DECL_SMALL)
	for (int it = 0; it < iterations; it++) {
		long k = indirect_poke(it * 3);
		if (k & 1) {
			LIST24(UPD_D)
		}
		long k2 = indirect_poke(k);
		if (!(k2 & 2)) {
			LIST6(UPD_SMALL)
		} else {
			LIST24(UPD_D)
		}
		if (it % 300 == 299) {
			double dsum = 0.0, fsum = 0.0;
			uint64_t isum = 0;
			LIST24(SUM_D)
			LIST6(SUM_SMALL)
			report("indirect", it, dsum, fsum, isum);
		}
	}
}

/* Recursion with all values live across the recursive call. */
static double live_across_recursion(int depth, long seed)
{
	long k = poke(seed);
	long k2 = poke(seed + depth);
	LIST24(DECL_D)
	LIST6(DECL_SMALL)
	LIST24(UPD_D)
	LIST6(UPD_SMALL)
	double below = depth > 0 ? live_across_recursion(depth - 1, k + k2) : 0.0;
	double dsum = 0.0, fsum = 0.0;
	uint64_t isum = 0;
	LIST24(SUM_D)
	LIST6(SUM_SMALL)
	if (depth % 50 == 0)
		report("recurse", depth, dsum, fsum, isum);
	return below * 0.5 + dsum + fsum + (double)(isum % 1000);
}

/* 12 doubles, 6 floats, 10 longs, 4 ints, 2 shorts, 2 chars: many go on the
 * stack on both ISAs. The callee keeps them all live across its own call. */
static NOINLINE double many_args(double a0, double a1, double a2, double a3, double a4,
				 double a5, double a6, double a7, double a8, double a9,
				 double a10, double a11, float g0, float g1, float g2, float g3,
				 float g4, float g5, long b0, long b1, long b2, long b3, long b4,
				 long b5, long b6, long b7, long b8, long b9, int e0, int e1,
				 int e2, int e3, short h0, short h1, signed char j0, signed char j1)
{
	long k = poke(b0 ^ e3);
	double r = a0 + a1 * 2 + a2 * 3 + a3 * 4 + a4 * 5 + a5 * 6 + a6 * 7 + a7 * 8 + a8 * 9 +
		   a9 * 10 + a10 * 11 + a11 * 12;
	r += g0 - g1 + g2 - g3 + g4 - g5;
	r += (double)(b1 % 1000 - b2 % 1000 + b3 % 1000 - b4 % 1000 + b5 % 1000 - b6 % 1000 +
		      b7 % 1000 - b8 % 1000 + b9 % 1000) * 1e-3;
	r += ((double)e0 * 3 - (double)e1 * 5 + (double)e2 * 7) * 1e-9;
	r += h0 * 0.25 - h1 * 0.5 + j0 - j1 + (double)k;
	return r;
}

static void wide_calls(int iterations)
{
	LIST24(DECL_D)
	LIST6(DECL_SMALL)
	double total = 0.0;
	for (int it = 0; it < iterations; it++) {
		double r = many_args(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, f0, f1, f2,
				     f3, f4, f5, l0, l1, l2, l3, l4, l5, l0 ^ l1, l2 ^ l3, l4 ^ l5,
				     (l0 >> 1) + (l5 >> 1), i0, i1, i2, i3, s0, s1, c0, c1);
		long k = (long)r & 0x3f;
		long k2 = poke(k);
		total += r * 1e-3;
		LIST24(UPD_D)
		LIST6(UPD_SMALL)
		double r2 = many_args(d12, d13, d14, d15, d16, d17, d18, d19, d20, d21, d22, d23,
				      f5, f4, f3, f2, f1, f0, l5, l4, l3, l2, l1, l0, i4, i5, c2,
				      c3, i4, i5, i0 ^ i5, i1 ^ i4, s2, s3, c4, c5);
		total -= r2 * 1e-3;
	}
	double dsum = 0.0, fsum = 0.0;
	uint64_t isum = 0;
	LIST24(SUM_D)
	LIST6(SUM_SMALL)
	report("wide", iterations, dsum, fsum, isum);
	printf("  wide total = %.17g\n", total);
	feed((uint64_t)(int64_t)(total * 65536.0));
}

int main(void)
{
	live_across_direct_calls(2000);
	live_across_indirect_calls(1500);
	double rec = live_across_recursion(200, 7);
	printf("  recursion result = %.17g\n", rec);
	feed((uint64_t)(int64_t)(rec * 1024.0));
	wide_calls(500);
	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
