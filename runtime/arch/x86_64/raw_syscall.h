/* System calls that touch neither errno nor any other thread-local state:
 * for the runtime's request listener, which shares the program's thread
 * pointer (runtime/request.c). The kernel's own convention: a result in
 * [-4095, -1] is minus an error number. */
#ifndef XMIG_RUNTIME_RAW_SYSCALL_H
#define XMIG_RUNTIME_RAW_SYSCALL_H

static inline long xmig_raw_syscall3(long number, long first, long second, long third)
{
	long result;
	__asm__ volatile("syscall"
	                 : "=a"(result)
	                 : "a"(number), "D"(first), "S"(second), "d"(third)
	                 : "rcx", "r11", "memory");
	return result;
}

#endif
