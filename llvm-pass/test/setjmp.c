// With xmig-cc's <setjmp.h>, a function that calls setjmp migrates: no
// warning, no unsafe flag on its sites, and the state it holds after the
// setjmp call is in the record of every site. Its setjmp call gets a slot
// in the data-stack frame, and its resume path arms the buffer again.
// RUN: %clang --target=x86_64-linux-gnu -isystem %libc-include -O2 -fpass-plugin=%migpoint -Werror -c %s -o %t.x86_64.o
// RUN: %clang --target=aarch64-linux-gnu -isystem %libc-include -O2 -fpass-plugin=%migpoint -Werror -c %s -o %t.aarch64.o
// RUN: %xmig-sites -v %t.x86_64.o | FileCheck %s --check-prefix=SITES
// RUN: %xmig-sites -v %t.aarch64.o | FileCheck %s --check-prefix=SITES
// RUN: %clang --target=aarch64-linux-gnu -isystem %libc-include -O1 -fno-discard-value-names -fpass-plugin=%migpoint -S -emit-llvm %s -o - | FileCheck %s
#include <setjmp.h>

struct handler {
	struct handler *previous;
	jmp_buf buffer;
	volatile int status;
};

void work(struct handler *handler, int round);

// SITES: in protect+
// SITES-NOT: unsafe
// SITES: sites in 1 functions, {{.*}}, 0 unsafe
//
// The slot names the buffer and the buffer its slot, before the call.
// CHECK-LABEL: define {{.*}}@protect(
// CHECK:       store ptr %buffer, ptr %xmig.setjmp.slot
// CHECK:       store ptr %xmig.setjmp.slot, ptr %xmig.setjmp.owner
// CHECK:       call i32 @__xmig_setjmp(
// A resumed frame arms the buffer its slot still owns, flagging the call
// as arming again, and only then heads for its site.
// CHECK:       xmig.setjmp.check:
// CHECK:       xmig.setjmp.owned:
// CHECK:       icmp eq ptr %xmig.setjmp.owner{{.*}}, %xmig.setjmp.slot
// CHECK:       xmig.setjmp.arm:
// CHECK:       store i32 1, ptr @__xmig_jump_rearming
int protect(int rounds)
{
	struct handler handler;
	handler.previous = 0;
	handler.status = 0;
	int done = 0;
	if (setjmp(handler.buffer) != 0)
		return handler.status + done;
	for (int round = 0; round < rounds; round++) {
		work(&handler, round);
		done++;
	}
	return done;
}

// The runtime's longjmp calls nothing instrumented: no site (the one
// function with sites above is protect).
void fail(struct handler *handler, int code)
{
	handler->status = code;
	longjmp(handler->buffer, code);
}
