/* What identifies the running binary in its images: its GNU build-id and its
 * path. */
#ifndef XMIG_RUNTIME_OWN_BINARY_H
#define XMIG_RUNTIME_OWN_BINARY_H

#include <stdint.h>

/* The build-id from the binary's own note segment in memory; its size, or 0
 * when the binary has none. */
uint32_t xmig_own_build_id(const uint8_t **build_id);

/* The ELF machine number of the running binary: its ISA. */
uint16_t xmig_own_elf_machine(void);

/* The path of the running binary, or "" when unknown. */
const char *xmig_own_path(void);

/* Whether the page at this address is backed by the binary's file (its
 * initialized data), where an untouched page holds the file's bytes rather
 * than zeros. */
int xmig_page_is_file_backed(uint64_t page);

#endif
