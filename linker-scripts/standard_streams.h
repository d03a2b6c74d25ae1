/* Where one ISA's C library keeps stdout: glibc defines the three standard
 * FILE objects together in libc.a's stdfiles.o, in one data section. xmig-align
 * places that section, per ISA, so that stdout has the same address in both
 * binaries: a pointer to stdout that a program keeps in migrated memory (a
 * compressor's output handle in a malloc'd struct) then means stdout on
 * either ISA. stdin and stderr sit at other offsets on each ISA in the same
 * section, so only stdout can share an address (docs/aligned-link.md). */
#ifndef XMIG_ALIGN_STANDARD_STREAMS_H
#define XMIG_ALIGN_STANDARD_STREAMS_H

#include "xmig/error.h"

#include <stdint.h>

#define XMIG_STANDARD_STREAMS_MEMBER "stdfiles.o"
#define XMIG_STANDARD_STREAMS_STDOUT "_IO_2_1_stdout_"

struct xmig_standard_streams {
	char section[64];   /* e.g. ".data.rel.local" */
	uint64_t size;      /* of that section */
	uint64_t alignment; /* of that section */
	uint64_t stdout_offset;
};

/* Reads the member stdfiles.o of the C library archive `libc_path`, which
 * must be for the ISA named `isa`. */
int xmig_read_standard_streams(const char *libc_path, const char *isa,
                               struct xmig_standard_streams *streams, struct xmig_error *error);

#endif
