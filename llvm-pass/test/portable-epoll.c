// With xmig-cc's <sys/epoll.h>, struct epoll_event has one layout on both
// ISAs (12 bytes, packed), so a frame holding one migrates: no warning. Its
// epoll calls are the runtime's, and epoll_wait is a wait point.
// RUN: %clang --target=x86_64-linux-gnu -isystem %libc-include -O2 -fpass-plugin=%migpoint -Werror -c %s -o %t.x86_64.o
// RUN: %clang --target=aarch64-linux-gnu -isystem %libc-include -DCHECK_PORTABLE_SIZE -O2 -fpass-plugin=%migpoint -Werror -c %s -o %t.aarch64.o
// RUN: %clang --target=aarch64-linux-gnu -isystem %libc-include -O1 -Xclang -disable-llvm-passes -S -emit-llvm %s -o - | %opt-xmig -passes=xmig-source-sites -S | FileCheck %s
// Without it, the C library's layout differs, and the plugin says so.
// RUN: %clang --target=aarch64-linux-gnu -O2 -fpass-plugin=%migpoint -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIBC
#include <sys/epoll.h>

#ifdef CHECK_PORTABLE_SIZE
_Static_assert(sizeof(struct epoll_event) == 12, "one layout on both ISAs");
#endif

void handle(unsigned long long data);

// CHECK-LABEL: define {{.*}}@serve(
// CHECK:       call i32 @__xmig_epoll_ctl(
// CHECK:       call i32 @__xmig_wait_epoll_wait(
// CHECK-LABEL: {{^}}}
// LIBC: warning: xmig: a local of type %struct.epoll_event, whose layout differs
int serve(int epoll, int descriptor)
{
	struct epoll_event event = {.events = EPOLLIN, .data.u64 = 7};
	if (epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) != 0)
		return -1;
	for (;;) {
		int ready = epoll_wait(epoll, &event, 1, 100);
		if (ready < 0)
			return -1;
		if (ready > 0)
			handle(event.data.u64);
	}
}
