// A value of a type wider than the stack's alignment, live across a call,
// gets an over-aligned spill slot. Without realignment every frame has a
// fixed size, which the stack map records (an unknown size is 2^64 - 1) and
// the transformer needs to lay the frame out on the other ISA.
// RUN: %clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.x86_64.o
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.aarch64.o
// RUN: llvm-readobj --stackmap %t.x86_64.o | FileCheck %s
// RUN: llvm-readobj --stackmap %t.aarch64.o | FileCheck %s
// RUN: llvm-objdump -d %t.x86_64.o | FileCheck %s --check-prefix=X86
// CHECK: Num Functions: 1
// CHECK-NOT: stack size: 18446744073709551615
// CHECK: stack size: {{[0-9]+}}
// CHECK-NOT: stack size: 18446744073709551615
// X86-NOT: and{{q?}} $-64, %rsp

typedef double wide __attribute__((vector_size(64)));
void consume(wide *);
void work(void);

void keep_wide_live(wide *out, wide a, wide b)
{
	wide sum = a * b + a;
	work();
	*out = sum * b;
}
