// Every function's source frame is the same on both ISAs: the data-stack
// frame's layout, and each site's ID and state types (-xmig-print-frames
// prints what the frame signature hashes). The shapes are those where the
// two calling conventions differ: small structs split into pieces, a struct
// of three doubles (aarch64: registers; x86_64: memory), larger structs
// (aarch64: a caller's copy; x86_64: byval and sret), a VLA, a local array
// passed down, and a call through a pointer.
// RUN: %clang --target=x86_64-linux-gnu -O2 -fno-pie -fsigned-char -Xclang -load -Xclang %migpoint -fpass-plugin=%migpoint -mllvm -xmig-print-frames -c %s -o /dev/null 2> %t.x86_64
// RUN: %clang --target=aarch64-linux-gnu -O2 -fno-pie -fsigned-char -Xclang -load -Xclang %migpoint -fpass-plugin=%migpoint -mllvm -xmig-print-frames -c %s -o /dev/null 2> %t.aarch64
// RUN: grep '^xmig: frame of' %t.x86_64 | sort > %t.x86_64.frames
// RUN: grep '^xmig: frame of' %t.aarch64 | sort > %t.aarch64.frames
// RUN: diff %t.x86_64.frames %t.aarch64.frames
// RUN: FileCheck %s < %t.x86_64.frames
// CHECK-DAG: xmig: frame of __xmig_main: {{[1-9][0-9]*}}/16;
// CHECK-DAG: xmig: frame of frames_both_isas_c_{{.*}}.scale:
// CHECK-DAG: xmig: frame of frames_both_isas_c_{{.*}}.sum_big:
// CHECK-DAG: xmig: frame of frames_both_isas_c_{{.*}}.mix:
// CHECK-DAG: xmig: frame of frames_both_isas_c_{{.*}}.fill:
#include <stdio.h>

struct pair { int a; char b; };
struct vector3 { double x, y, z; };
struct big { long v[6]; };

#define NOINLINE __attribute__((noinline))
void sink(long);

static NOINLINE struct vector3 scale(struct vector3 v, double k)
{
	struct vector3 r = {v.x * k, v.y * k, v.z * k};
	sink((long)r.x);
	return r;
}

static NOINLINE struct big sum_big(struct big a, struct big b)
{
	struct big r;
	for (int i = 0; i < 6; i++)
		r.v[i] = a.v[i] + b.v[i];
	sink(r.v[0]);
	return r;
}

static NOINLINE struct pair mix(struct pair p, long k)
{
	struct pair r = {p.a * (int)k, (char)(p.b + 1)};
	sink(r.a);
	return r;
}

static NOINLINE void fill(long *values, int n)
{
	for (int i = 0; i < n; i++)
		values[i] = i * 3;
	sink(values[n - 1]);
}

static long apply(long (*function)(long), long x)
{
	return function(x) + 1;
}

static long twice(long x)
{
	sink(x);
	return 2 * x;
}

int main(int argc, char **argv)
{
	struct vector3 v = {1, 2, 3};
	struct big a = {{1, 2, 3, 4, 5, 6}}, b = a;
	struct pair p = {argc, 'x'};
	long vla[argc + 4];
	for (int step = 0; step < 3; step++) {
		v = scale(v, 0.5);
		a = sum_big(a, b);
		p = mix(p, step);
		fill(vla, argc + 4);
	}
	printf("%g %ld %d %ld %ld %s\n", v.x, a.v[5], p.a, vla[0], apply(twice, argc), argv[0]);
	return 0;
}
