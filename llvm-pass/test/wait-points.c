// A call of a blocking C library function becomes a call of the runtime's
// wrapper in a loop through a migration point of kind "wait", taken when
// the wrapper says a request interrupted it (xmig/waits.h). The wrapper's
// call is not a site; the point's is, and it is a migration point. A
// function of the program's own that has a library name, and a call with
// another arity, are left alone; so is a function exempted from points.
// RUN: %clang --target=x86_64-linux-gnu -O1 -fno-discard-value-names -Xclang -disable-llvm-passes -S -emit-llvm %s -o - | %opt-xmig -passes=xmig-source-sites -S | FileCheck %s
// RUN: %clang --target=aarch64-linux-gnu -O1 -fno-discard-value-names -Xclang -disable-llvm-passes -S -emit-llvm %s -o - | %opt-xmig -passes=xmig-source-sites -S | FileCheck %s
// RUN: %clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%migpoint -Werror -c %s -o %t.x86_64.o
// RUN: %xmig-sites -v %t.x86_64.o | FileCheck %s --check-prefix=SITES
#include <poll.h>
#include <time.h>
#include <unistd.h>

// CHECK-LABEL: define {{.*}}@wait_for_input(
// CHECK:       [[AGAIN:xmig.wait[0-9.]*]]:
// CHECK:       call i32 @__xmig_wait_poll(ptr {{.*}}, i64 {{.*}}1, i32
// CHECK:       load volatile i32, ptr @__xmig_wait_interrupted
// CHECK:       call void @__xmig_point() #[[WAIT:[0-9]+]]
// CHECK-NEXT:  br label %[[AGAIN]]
// CHECK-NOT:   call i32 @poll(
// CHECK-LABEL: {{^}}}
int wait_for_input(int fd, int timeout)
{
	struct pollfd watched = {.fd = fd, .events = POLLIN};
	return poll(&watched, 1, timeout);
}

// CHECK-LABEL: define {{.*}}@nap(
// CHECK:       call i32 @__xmig_wait_nanosleep(
// CHECK:       call i64 @__xmig_wait_read(
// CHECK-LABEL: {{^}}}
long nap(int fd, char *buffer)
{
	struct timespec pause = {0, 1000};
	nanosleep(&pause, NULL);
	return read(fd, buffer, 16);
}

// The program's own function named like a library one.
int accept(int count)
{
	return count + 1;
}

// CHECK-LABEL: define {{.*}}@own_accept(
// CHECK:       call i32 @accept(
// CHECK-NOT:   __xmig_wait_
// CHECK-LABEL: {{^}}}
int own_accept(int count)
{
	return accept(count);
}

// CHECK-LABEL: define {{.*}}@exempt(
// CHECK:       call i32 @usleep(
// CHECK-NOT:   __xmig_wait_
// CHECK-LABEL: {{^}}}
__attribute__((annotate("xmig-no-points"))) int exempt(void)
{
	return usleep(10);
}

// CHECK: attributes #[[WAIT]] = {{.*}}"xmig-point"="wait"

// SITES: in wait_for_input+{{.*}} migration-point
// SITES: in nap+{{.*}} migration-point
