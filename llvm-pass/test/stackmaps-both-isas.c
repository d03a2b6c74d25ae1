// The emitted .llvm_stackmaps of both ISAs: one record per site (as many
// records as statepoints in the final IR), and every source site of either
// ISA paired with the other's, although inlining and unrolling copy calls
// (copies share their source site's ID).
// RUN: %clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.x86_64.ll
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.aarch64.ll
// RUN: %clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.x86_64.o
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o %t.aarch64.o
// RUN: llvm-readobj --stackmap %t.x86_64.o | sed -n 's/.*Record ID: \([0-9]*\),.*/\1/p' | sort > %t.x86_64.ids
// RUN: llvm-readobj --stackmap %t.aarch64.o | sed -n 's/.*Record ID: \([0-9]*\),.*/\1/p' | sort > %t.aarch64.ids
// RUN: grep -c 'call .*token .*@llvm.experimental.gc.statepoint' %t.x86_64.ll > %t.statepoints
// RUN: wc -l < %t.x86_64.ids | tr -d ' ' | diff - %t.statepoints
// RUN: %xmig-sites --pair %t.x86_64.o %t.aarch64.o | FileCheck %s --check-prefix=PAIR
// PAIR: : [[N:[0-9]+]] of [[N]] site IDs paired (100.0%)
// Entry points (6 functions), 2 inlined copies of work(), 4 unrolled calls,
// the indirect call, the recursive call: at least 14 sites.
// RUN: test $(cat %t.statepoints) -ge 14

void work(int);
extern void (*hook)(int);

static inline void helper(int value)
{
	work(value);
}

void two_copies(int a, int b)
{
	helper(a);
	helper(b);
}

void unrolled(void)
{
#pragma clang loop unroll_count(4)
	for (int i = 0; i < 8; i++)
		work(i);
}

void indirect(int value)
{
	hook(value);
}

int recursive(int depth)
{
	if (depth == 0)
		return 0;
	return 1 + recursive(depth - 1);
}

int main(void)
{
	two_copies(1, 2);
	unrolled();
	indirect(3);
	return recursive(4);
}
