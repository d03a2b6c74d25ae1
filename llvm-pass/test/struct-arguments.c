// A struct passed by value arrives in ABI pieces of each ISA's own: (i64, i32)
// on x86_64 and [2 x i64] on aarch64 for three ints, two doubles or one
// [2 x double], and so on. Live across a site, the pieces of one struct are
// recorded as one value, the struct's bytes, so that the site pairs.
// RUN: %clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.x86_64.o
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.aarch64.o
// RUN: %xmig-sites -v %t.x86_64.o | FileCheck %s
// RUN: %xmig-sites -v %t.aarch64.o | FileCheck %s
// RUN: %xmig-sites --pair %t.x86_64.o %t.aarch64.o | FileCheck %s --check-prefix=PAIR
// The markings made at the start of the pipeline, before SROA takes the
// struct objects apart:
// RUN: %clang --target=x86_64-linux-gnu -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o - \
// RUN:   | %opt-xmig -passes=xmig-argument-groups -S | FileCheck %s --check-prefix=X86-GROUPS
// RUN: %clang --target=aarch64-linux-gnu -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o - \
// RUN:   | %opt-xmig -passes=xmig-argument-groups -S | FileCheck %s --check-prefix=A64-GROUPS

struct shape {
	int nx, ny, nz;
};
struct complex {
	double re, im;
};
struct mixed {
	int tag;
	double weight;
};
struct four_floats {
	float a, b, c, d;
};

void work(void);
void use_int(int);
void use_double(double);

// At the call of work() and at the migration point alike:
// CHECK-LABEL: in shape_volume
// CHECK-NEXT:  struct0[12 x i8]
// CHECK-NEXT:  site
// CHECK:       in shape_volume{{.*}} migration-point
// CHECK-NEXT:  struct0[12 x i8]
// CHECK-NEXT:  site
void shape_volume(struct shape shape)
{
	work();
	use_int(shape.nx * shape.ny * shape.nz);
}

// CHECK-LABEL: in complex_norm
// CHECK-NEXT:  struct0[16 x i8]
// CHECK-NEXT:  site
// CHECK:       in complex_norm{{.*}} migration-point
// CHECK-NEXT:  struct0[16 x i8]
// CHECK-NEXT:  site
void complex_norm(struct complex z)
{
	work();
	use_double(z.re * z.re + z.im * z.im);
}

// The struct arguments come first, in the order of the arguments, then the
// other values.
// CHECK-LABEL: in weigh
// CHECK-NEXT:  struct0[16 x i8]
// CHECK-NEXT:  struct1[16 x i8]
// CHECK-NEXT:  i32
// CHECK-NEXT:  site
// CHECK:       in weigh{{.*}} migration-point
// CHECK-NEXT:  struct0[16 x i8]
// CHECK-NEXT:  struct1[16 x i8]
// CHECK-NEXT:  i32
// CHECK-NEXT:  site
void weigh(struct mixed first, int scale, struct four_floats second)
{
	work();
	use_double(first.weight * first.tag * scale + second.a + second.d);
}

// A copy of a struct argument made elsewhere does not hide it: on aarch64
// the argument is stored into the struct itself, which the program then
// copies; on x86_64 it goes through clang's temporary. Both ISAs record s
// as struct 0 and t as struct 1.
struct vec3 {
	float x, y, z;
};
struct vec3 saved;

// CHECK-LABEL: in keep_copy
// CHECK-NEXT:  struct0[12 x i8]
// CHECK-NEXT:  struct1[12 x i8]
// CHECK-NEXT:  site
// CHECK:       in keep_copy{{.*}} migration-point
// CHECK-NEXT:  struct0[12 x i8]
// CHECK-NEXT:  struct1[12 x i8]
// CHECK-NEXT:  {{.*}} 11 sites
float keep_copy(struct vec3 s, struct vec3 t)
{
	saved = s;
	work();
	return s.x * t.y + s.z * t.x + s.y * t.z;
}

// PAIR: 11 of 11 site IDs paired

// X86-GROUPS: define {{.*}} @shape_volume(i64 %0, i32 %1) {{.*}}!xmig.argument.groups ![[SHAPE:[0-9]+]]
// X86-GROUPS: define {{.*}} @weigh({{.*}}) {{.*}}!xmig.argument.groups ![[WEIGH:[0-9]+]]
// Three ints: one 12-byte struct of pieces at 0 and 8, in a 16-byte slot.
// X86-GROUPS: ![[SHAPE]] = !{!"void (i64, i32)", ![[SHAPE_GROUPS:[0-9]+]], ![[SHAPE_PIECES:[0-9]+]]}
// X86-GROUPS: ![[SHAPE_GROUPS]] = !{![[SHAPE_GROUP:[0-9]+]]}
// X86-GROUPS: ![[SHAPE_GROUP]] = !{i64 12, i64 16, i64 8}
// X86-GROUPS: ![[SHAPE_PIECES]] = !{![[P0:[0-9]+]], ![[P1:[0-9]+]]}
// X86-GROUPS: ![[P0]] = !{i64 0, i64 0, i64 0}
// X86-GROUPS: ![[P1]] = !{i64 1, i64 0, i64 8}
// Two structs of two pieces each; the int between them is no piece.
// X86-GROUPS: ![[WEIGH]] = !{!"void (i32, double, i32, <2 x float>, <2 x float>)", ![[WEIGH_GROUPS:[0-9]+]], ![[WEIGH_PIECES:[0-9]+]]}
// X86-GROUPS: ![[WEIGH_GROUPS]] = !{![[SIXTEEN:[0-9]+]], ![[SIXTEEN]]}
// X86-GROUPS: ![[WEIGH_PIECES]] = !{![[P0]], ![[P1]], ![[W3:[0-9]+]], ![[W4:[0-9]+]]}
// X86-GROUPS: ![[W3]] = !{i64 3, i64 1, i64 0}
// X86-GROUPS: ![[W4]] = !{i64 4, i64 1, i64 8}
// A64-GROUPS: define {{.*}} @shape_volume([2 x i64] %0) {{.*}}!xmig.argument.groups ![[SHAPE:[0-9]+]]
// A64-GROUPS: ![[SHAPE]] = !{!"void ([2 x i64])", ![[SHAPE_GROUPS:[0-9]+]], ![[SHAPE_PIECES:[0-9]+]]}
// A64-GROUPS: ![[SHAPE_GROUPS]] = !{![[SHAPE_GROUP:[0-9]+]]}
// A64-GROUPS: ![[SHAPE_GROUP]] = !{i64 12, i64 16, i64 8}
// A64-GROUPS: ![[SHAPE_PIECES]] = !{![[P0:[0-9]+]]}
// A64-GROUPS: ![[P0]] = !{i64 0, i64 0, i64 0}
