/* What the heap does when a program frees what it does not own, or when the
 * arena holds a heap this runtime cannot read: report and abort, as glibc
 * does, rather than corrupt the heap. */
#ifndef XMIG_HEAP_FATAL_H
#define XMIG_HEAP_FATAL_H

_Noreturn void xmig_heap_fatal(const char *what);

#endif
