/* A binary's (or object's) sites, loaded with everything they point into:
 * the ELF file, its stack map, the decoded site table. */
#ifndef XMIG_BINARY_SITES_H
#define XMIG_BINARY_SITES_H

#include "xmig/elf_file.h"
#include "xmig/error.h"
#include "xmig/sites.h"
#include "xmig/stackmap.h"

#include <stdint.h>

struct xmig_binary_sites {
	struct xmig_elf_file file;
	struct xmig_stackmap stackmap;
	struct xmig_site_table sites; /* empty when loaded with only_stackmap */
};

/* Opens the file and reads its stack map; decodes the sites too unless
 * only_stackmap. A file without .llvm_stackmaps is an error that says it was
 * probably not compiled with the plugin. */
int xmig_binary_sites_load(const char *path, int only_stackmap, struct xmig_binary_sites *loaded,
                           struct xmig_error *error);
void xmig_binary_sites_free(struct xmig_binary_sites *loaded);

/* The name of the function holding the site, with the site's offset in it:
 * from the symbol table in a linked binary; in an object, where every address
 * is still 0, from the relocation that fills in the function's address in the
 * stack map. NULL when unknown. */
const char *xmig_site_function_name(struct xmig_elf_file *file, const struct xmig_site *site,
                                    uint64_t *offset);

/* The name of the source function a source frame belongs to: the machine
 * frame's function for its outermost source frame, and for an inlined one the
 * function whose own frame has the same signature. NULL when unknown. */
const char *xmig_source_frame_function(struct xmig_binary_sites *binary,
                                       const struct xmig_source_frame *frame);

#endif
