/* The xmig sections of one ISA's objects and archives: what xmig-align needs
 * to know about each instrumented function and global to place it. */
#ifndef XMIG_INPUT_SECTIONS_H
#define XMIG_INPUT_SECTIONS_H

#include "xmig/error.h"

#include <stddef.h>
#include <stdint.h>

enum xmig_section_kind {
	XMIG_KIND_TEXT,
	XMIG_KIND_RODATA,
	XMIG_KIND_DATA,
	XMIG_KIND_BSS,
	XMIG_KIND_COUNT,
};

struct xmig_input_section {
	char *name; /* the full section name, e.g. ".text.xmig.main" */
	enum xmig_section_kind kind;
	uint64_t size;
	uint64_t alignment;
	char *origin; /* "a.o" or "libx.a(a.o)", for messages */
};

struct xmig_isa_inputs {
	const char *isa;
	size_t count;
	struct xmig_input_section *sections; /* sorted by name, names unique */
	/* Stack-map records over all objects: an upper bound on the sites that
	 * can end up unpaired, which sizes the unpaired-site table. */
	uint64_t site_count;
};

/* Reads every object (ELF relocatable files, and the members of ar archives)
 * for the ISA named `isa`. An object of another ISA, a linked binary, or an
 * object without the plugin's mark is an error naming the file; so is a
 * section name defined by two objects given directly. The first definition in
 * an archive yields to an earlier one, as the linker's own resolution does. */
int xmig_read_isa_inputs(const char *isa, char *const *paths, size_t path_count,
                         struct xmig_isa_inputs *inputs, struct xmig_error *error);
void xmig_isa_inputs_free(struct xmig_isa_inputs *inputs);

/* The kind a section name denotes, or -1 when it is no xmig section. */
int xmig_section_kind_of(const char *name);

#endif
