/* How a request to migrate reaches the runtime without the program seeing it.
 *
 * No signal is involved: a signal interrupts the program's system calls
 * (poll, select, nanosleep and read return EINTR), and the program may block
 * it, ignore it or take it over. A request is a byte written to the request
 * pipe, XMIG_REQUEST_FD from xmig-run, or a pipe of the runtime's own when
 * the program runs without it. A listener thread of the runtime's, created
 * with every signal blocked and invisible to glibc, reads it, sets
 * __xmig_pending for the next migration point and wakes a wait the program
 * is in (runtime/waits.c).
 *
 * The listener shares the program's thread pointer, so it makes raw system
 * calls only (arch/<isa>/raw_syscall.h): it never touches errno or the C
 * library. Its name, "xmig-req N" (/proc/PID/task/TID/comm), tells
 * `xmig-run --migrate PID` which descriptor of the process to write to. */
#ifndef XMIG_RUNTIME_REQUEST_H
#define XMIG_RUNTIME_REQUEST_H

/* Takes the launcher's request pipe, or makes one, and the wake-up
 * descriptor; 0, or -1 with a message on stderr. */
int xmig_request_init(void);

/* Starts the listener, once the program is about to run. A request written
 * earlier is read then. */
void xmig_request_listen(void);

/* Whether a request arrived that no capture has met yet. */
int xmig_request_pending(void);

/* A capture met every request that arrived so far. */
void xmig_request_served(void);

/* Readable while a request is pending: a wait watches it. -1 when there is
 * none (no listener). */
int xmig_request_wake_descriptor(void);

/* A restore is about to give one of the program's files this number. */
void xmig_request_vacate(int descriptor);

#endif
