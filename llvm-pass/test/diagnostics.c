// Constructs that cannot migrate are reported as clang warnings at their
// source location (with -g: the construct; without: its function), on both
// ISAs, and the compilation still succeeds.
// RUN: %clang --target=x86_64-linux-gnu -g -O2 -fpass-plugin=%migpoint -c %s -o %t.x86_64.o 2>&1 | FileCheck %s
// RUN: %clang --target=aarch64-linux-gnu -g -O2 -fpass-plugin=%migpoint -c %s -o %t.aarch64.o 2>&1 | FileCheck %s
// RUN: %clang --target=x86_64-linux-gnu -O0 -fpass-plugin=%migpoint -c %s -o %t.O0.o 2>&1 | FileCheck %s --check-prefix=NODEBUG
// The affected functions' sites carry the matching unsafe flags in the
// emitted stack maps of both ISAs.
// RUN: %xmig-sites -v %t.x86_64.o | FileCheck %s --check-prefix=FLAGS
// RUN: %xmig-sites -v %t.aarch64.o | FileCheck %s --check-prefix=FLAGS
// FLAGS-DAG: in sum+{{.*}} unsafe:va_start
// FLAGS-DAG: in where+{{.*}} unsafe:frame-address
// FLAGS-DAG: in asm_user+{{.*}} unsafe:inline-asm
// FLAGS-DAG: in jumper+{{.*}} unsafe:setjmp
// FLAGS-DAG: in extended+{{.*}} unsafe:unsupported-value
// FLAGS-NOT: in tls_user+{{.*}} unsafe
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>

__thread int per_thread;
jmp_buf jump;
void sink(void *);

// NODEBUG: diagnostics.c:[[@LINE+1]]:5: warning: xmig: va_start keeps native-stack addresses; frames of 'sum' will not be migrated
int sum(int n, ...)
{
	va_list args;
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:2: warning: xmig: va_start keeps native-stack addresses; frames of 'sum' will not be migrated
	va_start(args, n);
	int total = va_arg(args, int);
	va_end(args);
	sink(&args);
	return total;
}

void *where(void)
{
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:16: warning: xmig: __builtin_frame_address/__builtin_return_address differ between ISAs; frames of 'where' will not be migrated
	void *frame = __builtin_frame_address(0);
	sink(frame);
	return frame;
}

int asm_user(int x)
{
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:2: warning: xmig: inline assembly cannot migrate; frames of 'asm_user' will not be migrated
	__asm__ volatile("" : "+r"(x));
	sink(&x);
	return x;
}

int jumper(void)
{
	// glibc's setjmp: this file is compiled without xmig-cc's headers.
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:6: warning: xmig: '_setjmp' returns twice with native-stack addresses saved where xmig cannot rebuild them (only the setjmp of xmig-cc's <setjmp.h> migrates); frames of 'jumper' will not be migrated
	if (setjmp(jump))
		return 1;
	sink(0);
	return 0;
}

// CHECK-DAG: diagnostics.c:[[@LINE+1]]:13: warning: xmig: long double has a different format on each ISA; sites where one is live will not be migrated
long double extended(long double x)
{
	sink(0);
	return x * 2;
}

int tls_user(void)
{
	sink(0);
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:9: warning: xmig: thread-local variable 'per_thread' does not migrate; xmig migrates single-threaded programs only
	return per_thread;
}

void *run(void *arg)
{
	return arg;
}

void spawn(void)
{
	pthread_t thread;
	// CHECK-DAG: diagnostics.c:[[@LINE+1]]:2: warning: xmig: 'pthread_create' creates a thread; xmig migrates single-threaded programs only
	pthread_create(&thread, 0, run, 0);
}
