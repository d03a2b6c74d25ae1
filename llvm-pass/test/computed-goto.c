// An interpreter's dispatch loop written with computed goto, as Lua's and
// CPython's are: clang joins every `goto *` into one block that phis the
// target address and ends in an indirectbr, and that block heads the loop.
// A loop point there sits after the phi and before its use; demoting the phi
// leaves a reload that the point must not split from its use (a resumed
// frame enters after the point). Every loop-point policy gives valid IR on
// both ISAs.
// RUN: %clang --target=x86_64-linux-gnu -O2 -fno-pie -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.x86_64.ll
// RUN: %clang --target=aarch64-linux-gnu -O2 -fno-pie -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.aarch64.ll
// RUN: %opt-xmig -xmig-loop-points=all -passes='xmig-source-sites,verify' -S %t.x86_64.ll | FileCheck %s
// RUN: %opt-xmig -xmig-loop-points=all -passes='xmig-source-sites,verify' -S %t.aarch64.ll | FileCheck %s
// RUN: %opt-xmig -xmig-loop-points=innermost -passes='xmig-source-sites,verify' -disable-output %t.x86_64.ll
// RUN: %opt-xmig -xmig-loop-points=calls -passes='xmig-source-sites,verify' -disable-output %t.aarch64.ll
// The dispatch block is resumed into past its point, and still branches
// through its own reload of the target.
// CHECK-LABEL: define {{.*}} @run(
// CHECK: call void @__xmig_point() {{.*}}[ "deopt"(
// CHECK: indirectbr ptr %{{.*}}.reload{{[0-9]*}}.reload
void trace(int op, long value);

long run(const unsigned char *code, long accumulator)
{
	static void *const handlers[] = {&&add, &&twice, &&print, &&stop};
	const unsigned char *pc = code;
#define DISPATCH() goto *handlers[*pc++]
	DISPATCH();
add:
	accumulator += 1;
	DISPATCH();
twice:
	accumulator *= 2;
	DISPATCH();
print:
	trace(pc[-1], accumulator);
	DISPATCH();
stop:
	return accumulator;
}
