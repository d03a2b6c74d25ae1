/* Stresses: structs passed and returned by value in every ABI class — small
 * homogeneous floating-point aggregates (two doubles, four floats), mixed
 * int/double, odd-sized byte structs, medium structs of 3-4 longs (memory on
 * x86_64, indirect on aarch64), and large structs (> 64 bytes, byval and sret)
 * — handed along chains of nested calls, through function pointers, with more
 * aggregates than argument registers, and taken from arrays of structs on the
 * stack. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

struct pair {
	double x, y;
};

struct quad_float {
	float a, b, c, d;
};

struct mixed {
	int tag;
	double weight;
};

struct three_bytes {
	char c[3];
};

struct short_char {
	short s;
	signed char c;
};

struct triple {
	long a, b, c;
};

struct four_longs {
	long v[4];
};

struct big {
	long v[8];
	double d[2];
	char name[13];
};

static uint64_t checksum;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

static void feed_double(double d)
{
	feed((uint64_t)(int64_t)(d * 1048576.0));
}

static void print_pair(const char *what, struct pair p)
{
	printf("%s = (%.17g, %.17g)\n", what, p.x, p.y);
	feed_double(p.x);
	feed_double(p.y);
}

static void print_big(const char *what, const struct big *b)
{
	printf("%s: [%ld %ld %ld %ld %ld %ld %ld %ld] d=(%.17g, %.17g) name=%s\n", what, b->v[0],
	       b->v[1], b->v[2], b->v[3], b->v[4], b->v[5], b->v[6], b->v[7], b->d[0], b->d[1],
	       b->name);
	for (int i = 0; i < 8; i++)
		feed((uint64_t)b->v[i]);
	feed_double(b->d[0]);
	feed_double(b->d[1]);
	for (size_t i = 0; i < sizeof b->name && b->name[i]; i++)
		feed((unsigned char)b->name[i]);
}

/* ---- small HFAs ---- */

static NOINLINE struct pair pair_rotate(struct pair p, double c, double s)
{
	struct pair r = {p.x * c - p.y * s, p.x * s + p.y * c};
	return r;
}

static NOINLINE struct pair pair_add(struct pair a, struct pair b)
{
	struct pair r = {a.x + b.x, a.y + b.y};
	return r;
}

/* Five pairs: the fifth does not fit in argument registers on either ISA. */
static NOINLINE struct pair pair_centroid5(struct pair a, struct pair b, struct pair c,
					   struct pair d, struct pair e)
{
	struct pair r = {(a.x + b.x + c.x + d.x + e.x) / 5.0, (a.y + b.y + c.y + d.y + e.y) / 5.0};
	return r;
}

static NOINLINE struct quad_float quad_scale(struct quad_float q, float k)
{
	struct quad_float r = {q.a * k, q.b * k + 1.0f, q.c - k, q.d / k};
	return r;
}

static NOINLINE struct mixed mixed_next(struct mixed m, struct three_bytes t, struct short_char sc)
{
	struct mixed r;
	r.tag = m.tag * 3 + t.c[0] - t.c[1] + t.c[2] + sc.s - sc.c;
	r.weight = m.weight * 0.5 + t.c[1] + sc.c * 0.25;
	return r;
}

/* ---- medium structs ---- */

static NOINLINE struct triple triple_step(struct triple t, long k)
{
	struct triple r = {t.b + k, t.c * 3 - t.a, t.a ^ (t.b + t.c)};
	return r;
}

static NOINLINE struct four_longs four_mix(struct four_longs a, struct four_longs b, struct triple t)
{
	struct four_longs r;
	for (int i = 0; i < 4; i++)
		r.v[i] = a.v[i] * 5 + b.v[3 - i] - (i == 0 ? t.a : i == 1 ? t.b : t.c);
	a.v[0] = -1; /* modifies the callee's copy only */
	b.v[3] = -2;
	return r;
}

/* ---- large structs ---- */

static NOINLINE struct big big_update(struct big b, int round)
{
	for (int i = 0; i < 8; i++)
		b.v[i] = b.v[i] * 2 + round - i;
	b.d[0] = b.d[0] * 0.5 + round;
	b.d[1] = b.d[1] - b.d[0] / 3.0;
	b.name[round % 12] = (char)('A' + round % 26);
	return b;
}

static struct big big_chain(struct big b, struct pair p, struct triple t, int depth);

/* Nested calls hand the large struct down by value and the result back up. */
static NOINLINE struct big big_pass(struct big b, struct four_longs f, struct pair p, int depth)
{
	struct big local = big_update(b, depth);
	struct triple t = {f.v[0], f.v[1], f.v[2] + f.v[3]};
	if (depth > 0)
		local = big_chain(local, p, t, depth - 1);
	/* b is still the unmodified argument copy. */
	local.v[7] += b.v[7] % 1000;
	local.d[1] += b.d[1] * 0.001;
	return local;
}

static NOINLINE struct big big_chain(struct big b, struct pair p, struct triple t, int depth)
{
	struct four_longs f = {{t.a, t.b, t.c, depth}};
	struct pair q = pair_rotate(p, 0.6, 0.8);
	b.d[0] += q.x;
	b.v[0] += t.a % 17;
	struct big r = big_pass(b, f, q, depth);
	r.v[1] ^= (long)depth << 4;
	return r;
}

typedef struct pair (*pair_op)(struct pair, struct pair);

static struct pair pair_sub(struct pair a, struct pair b)
{
	struct pair r = {a.x - b.x, a.y - b.y};
	return r;
}

static struct pair pair_mul(struct pair a, struct pair b)
{
	struct pair r = {a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x};
	return r;
}

static pair_op const pair_ops[] = {pair_add, pair_sub, pair_mul};

typedef struct big (*big_op)(struct big, int);
static big_op volatile big_op_slot = big_update;

int main(void)
{
	/* HFAs */
	struct pair p = {1.0, 0.0};
	for (int i = 0; i < 50; i++)
		p = pair_add(pair_rotate(p, 0.8, 0.6), (struct pair){0.01 * i, -0.02});
	print_pair("rotated", p);

	struct pair points[16];
	for (int i = 0; i < 16; i++)
		points[i] = (struct pair){i * 1.5 - 4.0, 10.0 / (i + 1)};
	struct pair c = pair_centroid5(points[0], points[3], points[7], points[11], points[15]);
	print_pair("centroid", c);
	struct pair acc = {0.0, 1.0};
	for (int i = 0; i < 16; i++) {
		acc = pair_ops[i % 3](acc, points[i]);
		if (acc.x > 1e6 || acc.x < -1e6)
			acc = (struct pair){acc.x * 1e-6, acc.y * 1e-6};
	}
	print_pair("ops fold", acc);

	struct quad_float q = {1.0f, 2.0f, 3.0f, 4.0f};
	for (int i = 1; i <= 10; i++)
		q = quad_scale(q, 1.0f + i * 0.125f);
	printf("quad = %.9g %.9g %.9g %.9g\n", q.a, q.b, q.c, q.d);
	feed_double(q.a);
	feed_double(q.b);
	feed_double(q.c);
	feed_double(q.d);

	struct mixed m = {1, 2.0};
	for (int i = 0; i < 12; i++) {
		struct three_bytes t = {{(char)(i + 1), (char)(-i), (char)(i * 20)}};
		struct short_char sc = {(short)(300 - i * 50), (signed char)(i * 11 - 60)};
		m = mixed_next(m, t, sc);
		m.tag %= 100000;
	}
	printf("mixed = %d %.17g\n", m.tag, m.weight);
	feed((uint64_t)m.tag);
	feed_double(m.weight);

	/* medium */
	struct triple t = {1, 2, 3};
	struct triple trail[8];
	for (int i = 0; i < 8; i++) {
		t = triple_step(t, i);
		trail[i] = t;
	}
	printf("triple = %ld %ld %ld\n", t.a, t.b, t.c);
	struct four_longs f = {{10, 20, 30, 40}};
	struct four_longs g = {{-5, 6, -7, 8}};
	for (int i = 0; i < 8; i++) {
		struct four_longs n = four_mix(f, g, trail[i]);
		g = f;
		f = n;
		for (int k = 0; k < 4; k++)
			f.v[k] %= 1000003;
	}
	printf("four = %ld %ld %ld %ld\n", f.v[0], f.v[1], f.v[2], f.v[3]);
	for (int k = 0; k < 4; k++)
		feed((uint64_t)f.v[k]);
	feed((uint64_t)t.a + (uint64_t)t.b * 3 + (uint64_t)t.c * 7);

	/* large */
	struct big bigs[3];
	for (int i = 0; i < 3; i++) {
		memset(&bigs[i], 0, sizeof bigs[i]);
		for (int k = 0; k < 8; k++)
			bigs[i].v[k] = i * 100 + k;
		bigs[i].d[0] = i + 0.5;
		bigs[i].d[1] = -i - 0.25;
		snprintf(bigs[i].name, sizeof bigs[i].name, "big-%d-xxxxx", i);
	}
	struct big updated = big_update(bigs[1], 5);
	print_big("bigs[1]", &bigs[1]);
	print_big("updated", &updated);
	struct big chained = big_chain(bigs[2], p, trail[3], 6);
	print_big("bigs[2]", &bigs[2]);
	print_big("chained", &chained);
	for (int round = 0; round < 4; round++)
		bigs[round % 3] = big_op_slot(bigs[(round + 1) % 3], round);
	for (int i = 0; i < 3; i++) {
		char label[16];
		snprintf(label, sizeof label, "final[%d]", i);
		print_big(label, &bigs[i]);
	}

	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
