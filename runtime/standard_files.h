/* Copies of stdin, stdout and stderr in migrated memory. Those FILE objects
 * are the C library's, at other addresses in the other ISA's binary: a copy
 * that the program stored (a FILE * in a struct, say) would point at
 * nothing there. The transformer translates such pointers among a frame's
 * values; ones in memory hold a migration back. */
#ifndef XMIG_RUNTIME_STANDARD_FILES_H
#define XMIG_RUNTIME_STANDARD_FILES_H

#include <stdint.h>

/* Why the state cannot go to the other ISA, with *at the address of the
 * copy, or NULL. Scans the aligned data, the data stack up to its top, and
 * the heap's blocks in use; copies of stdout count only when the aligned
 * link did not give stdout one address in both binaries. A scan that found
 * a copy stands for ten times as long as it took. */
const char *xmig_standard_file_copies(uint64_t data_stack_top, uint64_t *at);

#endif
