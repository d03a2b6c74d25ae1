/* The alignment half of xmig-check: the aligned ranges of two linked binaries
 * hold the same symbols at the same addresses, and nothing else. */
#ifndef XMIG_CHECK_ALIGNED_SYMBOLS_H
#define XMIG_CHECK_ALIGNED_SYMBOLS_H

#include "xmig/elf_file.h"

#include <stdint.h>
#include <stdio.h>

/* Where a binary's aligned ranges are, from the symbols the script defines. */
struct xmig_aligned_ranges {
	uint64_t text_start, text_end;
	uint64_t rodata_start, rodata_end;
	uint64_t unpaired_start, unpaired_end;
	uint64_t data_start, data_end;
	/* The C library's standard streams (__xmig_streams_start/_end), each
	 * ISA's at its own address except stdout, at aligned_stdout; zero
	 * when xmig-align was given no C library. */
	uint64_t streams_start, streams_end, aligned_stdout;
};

/* Fills in the ranges; prints why and returns -1 when the binary was not
 * linked with an xmig-align script. */
int xmig_read_aligned_ranges(struct xmig_elf_file *file, struct xmig_aligned_ranges *ranges);

/* Compares both binaries (stdout included, when placed); prints every error
 * and warning to `report`, and
 * returns the number of errors (-1 when a file cannot be read). */
long xmig_check_alignment(struct xmig_elf_file *files[2],
                          const struct xmig_aligned_ranges ranges[2], FILE *report,
                          unsigned long *aligned_symbols);

#endif
