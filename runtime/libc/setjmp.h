/* <setjmp.h> for programs built with xmig-cc, found before the C library's.
 *
 * glibc's jmp_buf is 200 bytes on x86_64 and 312 on aarch64, so a struct
 * holding one would have two layouts, and its contents (registers, mangled
 * with a per-process key) mean nothing in another process. This jmp_buf has
 * one size and layout on both ISAs (xmig/jump_buffer.h describes it), and
 * setjmp, sigsetjmp, longjmp and siglongjmp are xmig's: a frame that called
 * setjmp can migrate, and a longjmp after the migration lands in it
 * (docs/setjmp.md). The declarations are C's and POSIX's. */
#ifndef XMIG_LIBC_SETJMP_H
#define XMIG_LIBC_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

/* 352 bytes, 16-aligned: XMIG_JUMP_BUFFER_SIZE and _ALIGNMENT. */
struct __xmig_jmp_buf {
	unsigned long long __xmig_words[44];
} __attribute__((__aligned__(16)));

typedef struct __xmig_jmp_buf jmp_buf[1];
typedef struct __xmig_jmp_buf sigjmp_buf[1];

extern int setjmp(jmp_buf __env) __asm__("__xmig_setjmp")
        __attribute__((__returns_twice__, __nothrow__));
extern int _setjmp(jmp_buf __env) __asm__("__xmig_setjmp")
        __attribute__((__returns_twice__, __nothrow__));
extern int sigsetjmp(sigjmp_buf __env, int __savemask) __asm__("__xmig_sigsetjmp")
        __attribute__((__returns_twice__, __nothrow__));

extern void longjmp(jmp_buf __env, int __value) __asm__("__xmig_longjmp")
        __attribute__((__noreturn__, __nothrow__));
extern void _longjmp(jmp_buf __env, int __value) __asm__("__xmig_longjmp")
        __attribute__((__noreturn__, __nothrow__));
extern void siglongjmp(sigjmp_buf __env, int __value) __asm__("__xmig_longjmp")
        __attribute__((__noreturn__, __nothrow__));

#ifdef __cplusplus
}
#endif

#endif
