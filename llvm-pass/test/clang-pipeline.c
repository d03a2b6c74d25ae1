// Through clang -fpass-plugin, on both ISAs and at every optimization level,
// main is renamed and every function keeps its frame pointer, even where the
// command line asks clang to omit it.
// RUN: %clang --target=x86_64-linux-gnu -O0 -fomit-frame-pointer -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.x86_64.O0.ll
// RUN: FileCheck %s --check-prefixes=COMMON,TWICE < %t.x86_64.O0.ll
// RUN: FileCheck %s --check-prefixes=COMMON,MAIN < %t.x86_64.O0.ll
// RUN: %clang --target=x86_64-linux-gnu -O2 -fomit-frame-pointer -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.x86_64.O2.ll
// RUN: FileCheck %s --check-prefixes=COMMON,TWICE < %t.x86_64.O2.ll
// RUN: FileCheck %s --check-prefixes=COMMON,MAIN < %t.x86_64.O2.ll
// RUN: %clang --target=aarch64-linux-gnu -O0 -fomit-frame-pointer -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.aarch64.O0.ll
// RUN: FileCheck %s --check-prefixes=COMMON,TWICE < %t.aarch64.O0.ll
// RUN: FileCheck %s --check-prefixes=COMMON,MAIN < %t.aarch64.O0.ll
// RUN: %clang --target=aarch64-linux-gnu -O3 -fomit-frame-pointer -fpass-plugin=%migpoint -S -emit-llvm %s -o %t.aarch64.O3.ll
// RUN: FileCheck %s --check-prefixes=COMMON,TWICE < %t.aarch64.O3.ll
// RUN: FileCheck %s --check-prefixes=COMMON,MAIN < %t.aarch64.O3.ll

// TWICE: define {{.*}}i32 @twice(i32 {{.*}}) {{.*}}[[ATTRS:#[0-9]+]]
__attribute__((noinline)) int twice(int value)
{
	return 2 * value;
}

// COMMON-NOT: define {{.*}} @main(
// MAIN: define {{.*}}i32 @__xmig_main(i32 {{.*}}, ptr {{.*}}) {{.*}}[[ATTRS:#[0-9]+]]
int main(int argc, char **argv)
{
	(void)argv;
	return twice(argc);
}

// COMMON: attributes [[ATTRS]] = {{.*}}"frame-pointer"="all"
