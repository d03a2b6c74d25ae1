/* The interface between instrumented code and the runtime. The pass plugin
 * emits references to these names; their meaning must not change without
 * changing the plugin in the same commit. */
#ifndef XMIG_RUNTIME_H
#define XMIG_RUNTIME_H

/* Non-zero when a migration has been requested; every migration point loads it. */
extern volatile int __xmig_pending;

/* Set by a wait's wrapper when a request interrupted the wait: the caller
 * then reaches a migration point and calls again (xmig/waits.h). */
extern volatile int __xmig_wait_interrupted;

/* The top of the data stack: instrumented functions allocate their frames
 * there instead of on the native stack. */
extern char *__xmig_data_stack_pointer;

/* The exit status of a program whose runtime could not start (a fixed range
 * was taken, say); chosen to stay clear of the shell's 126-128 and signals. */
#define XMIG_EXIT_STARTUP_FAILED 121
/* The exit status of a program that wrote its image and stopped, so that it
 * can continue elsewhere. */
#define XMIG_EXIT_CAPTURED 120
/* The exit status of a restore that failed before the program resumed. */
#define XMIG_EXIT_RESTORE_FAILED 122

/* What the runtime tells the launcher through XMIG_READY_FD (docs/checkpoint.md):
 * single bytes, and one line for a declined capture, written whole. */
#define XMIG_READY_RUNNING    'R' /* the program runs (and, restored, is done restoring) */
#define XMIG_READY_CAPTURE    'C' /* a capture begins */
#define XMIG_READY_DECLINED   'D' /* "D<hex address> <reason>\n": a requested capture waits */
#define XMIG_READY_WAIT       'W' /* "W<call>\n" before 'C': the capture is in that wait */
#define XMIG_DECLINE_LINE_MAX 256

/* The runtime's request listener names its thread this, then the number of
 * the descriptor it reads requests from (runtime/request.h): a byte written
 * there through /proc/PID/fd asks for a migration (xmig-run --migrate PID). */
#define XMIG_REQUEST_THREAD_PREFIX "xmig-req "

/* The program's own main, renamed by the plugin; the runtime provides main. */
int __xmig_main(int argc, char **argv, char **envp);

/* The slow path of a migration point (an equivalence site itself). */
void __xmig_point(void);

#endif
