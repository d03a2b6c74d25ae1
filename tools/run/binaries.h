/* Finding a program's binaries and how to run each: `prog.x86_64` and
 * `prog.aarch64` beside `prog` (xmig-cc's outputs), natively when the ISA is
 * the host's, under qemu-user otherwise. */
#ifndef XMIG_RUN_BINARIES_H
#define XMIG_RUN_BINARIES_H

#include <stddef.h>
#include <stdint.h>

enum run_isa { RUN_X86_64, RUN_AARCH64, RUN_ISA_COUNT };

struct run_binaries {
	char path[RUN_ISA_COUNT][4096]; /* "" when missing */
	enum run_isa host;
	char qemu[RUN_ISA_COUNT][4096]; /* the emulator for a foreign ISA, "" if none */
	int binfmt[RUN_ISA_COUNT];      /* the kernel runs it through binfmt_misc */
};

const char *run_isa_name(enum run_isa isa);
int run_isa_parse(const char *name, enum run_isa *isa);

/* The ISA of an ELF binary or core file, from its header; -1 if neither. */
int run_file_isa(const char *path, enum run_isa *isa);
int run_bytes_isa(const uint8_t *bytes, size_t size, enum run_isa *isa);

/* Fills in the binaries of `program` (a path with or without the .<isa>
 * suffix) and the ways to run them. 0, or -1 with a message in `error` when
 * not even the host's binary is there. */
int run_find_binaries(const char *program, struct run_binaries *binaries, char *error,
                      unsigned error_size);

/* Whether a binary for `isa` can be started here; a message says why not. */
int run_can_start(const struct run_binaries *binaries, enum run_isa isa, char *error,
                  unsigned error_size);

#endif
