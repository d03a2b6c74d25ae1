/* One linked binary of a program, loaded for the transformer: its sites with
 * lookups by return address and by source site, its unpaired-site table, its CFI,
 * where its outermost frame returns to, and its build-id. */
#ifndef XMIG_PROGRAM_H
#define XMIG_PROGRAM_H

#include "xmig/binary_sites.h"
#include "xmig/cfi.h"
#include "xmig/error.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_program {
	const char *path;
	const struct xmig_isa *isa;
	struct xmig_binary_sites binary;
	struct xmig_cfi *cfi;
	const struct xmig_site **by_return_address; /* sorted, binary.sites.count of them */
	const struct xmig_site **by_outermost;      /* by outermost source frame */
	const uint64_t *unpaired_ids;               /* ascending */
	size_t unpaired_count;
	uint64_t main_return; /* __xmig_main_return (arch/<isa>/enter_main.S) */
	/* The C library's stdin, stdout and stderr FILE objects, 0 where absent:
	 * libc data, at another address in the other ISA's binary. */
	uint64_t standard_files[3];
	const uint8_t *build_id;
	size_t build_id_size;
	/* The CFI row of each site's frame, read on first use: a program loaded
	 * once serves many transformations. */
	struct xmig_cfi_row **rows;
};

/* Loads a binary linked by xmig-cc (or xmig_add_executable) and checked by
 * xmig-check; anything else is an error that says what is missing. */
int xmig_program_load(const char *path, struct xmig_program *program, struct xmig_error *error);
void xmig_program_free(struct xmig_program *program);

/* The site whose return address this is, or NULL. */
const struct xmig_site *xmig_program_site_at(const struct xmig_program *program,
                                             uint64_t return_address);
/* The sites whose outermost source frame is at source site `id`: machine
 * frames of the function that site belongs to. Returns how many. */
size_t xmig_program_sites_from(const struct xmig_program *program, uint64_t id,
                               const struct xmig_site *const **sites);
/* The address of the function source site `id` belongs to, or 0 when no
 * machine frame of it is recorded (a function inlined everywhere). */
uint64_t xmig_program_function_of(const struct xmig_program *program, uint64_t id);
int xmig_program_site_unpaired(const struct xmig_program *program, uint64_t id);

/* The CFI row describing the frame of a function stopped at `site` (one of
 * the program's own sites). 0, or -1 with the error filled in. */
int xmig_program_frame_row(const struct xmig_program *program, const struct xmig_site *site,
                           const struct xmig_cfi_row **row, struct xmig_error *error);

/* A pointer value of the source program as the destination must see it:
 * one to a standard FILE object becomes the destination's (state values
 * only; the copies a program stores in memory are not found). */
uint64_t xmig_program_translate_pointer(const struct xmig_program *source,
                                        const struct xmig_program *destination, uint64_t value);

/* "name+0x1c" for a code address, into buffer. */
const char *xmig_program_describe(const struct xmig_program *program, uint64_t address,
                                  char *buffer, size_t size);

#endif
