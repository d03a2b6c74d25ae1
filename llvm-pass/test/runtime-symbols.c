// The runtime's globals that instrumented code reads on every function entry
// are dso_local in programs (static or PIE), so that aarch64 reaches them
// without a GOT load; code for a shared library keeps the GOT.
// RUN: %clang --target=aarch64-linux-gnu -O2 -fno-pie -fpass-plugin=%migpoint -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpie -fpass-plugin=%migpoint -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang --target=aarch64-linux-gnu -O2 -fPIC -fpass-plugin=%migpoint -S -emit-llvm %s -o - | FileCheck %s --check-prefix=SHARED
// RUN: %clang --target=aarch64-linux-gnu -O2 -fno-pie -fpass-plugin=%migpoint -S %s -o - | FileCheck %s --check-prefix=ASM
// CHECK-DAG: @__xmig_pending = external dso_local {{(local_unnamed_addr )?}}global i32
// CHECK-DAG: @__xmig_resuming = external dso_local {{(local_unnamed_addr )?}}global i32
// CHECK-DAG: @__xmig_data_stack_pointer = external dso_local {{(local_unnamed_addr )?}}global ptr
// SHARED-DAG: @__xmig_pending = external {{(local_unnamed_addr )?}}global i32
// SHARED-DAG: @__xmig_resuming = external {{(local_unnamed_addr )?}}global i32
// ASM-NOT: :got:

void work(int *);

int keep(int value)
{
	int local = value;
	work(&local);
	return local;
}
