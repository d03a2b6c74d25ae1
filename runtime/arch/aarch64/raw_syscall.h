/* System calls that touch neither errno nor any other thread-local state:
 * for the runtime's request listener, which shares the program's thread
 * pointer (runtime/request.c). The kernel's own convention: a result in
 * [-4095, -1] is minus an error number. */
#ifndef XMIG_RUNTIME_RAW_SYSCALL_H
#define XMIG_RUNTIME_RAW_SYSCALL_H

static inline long xmig_raw_syscall3(long number, long first, long second, long third)
{
	register long x8 __asm__("x8") = number;
	register long x0 __asm__("x0") = first;
	register long x1 __asm__("x1") = second;
	register long x2 __asm__("x2") = third;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

#endif
