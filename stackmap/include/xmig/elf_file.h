/* Reading xmig binaries and objects of either ISA with libelf, on any host. */
#ifndef XMIG_ELF_FILE_H
#define XMIG_ELF_FILE_H

#include "xmig/error.h"
#include "xmig/isa.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_function_symbol {
	uint64_t address;
	uint64_t size;
	const char *name;
};

struct xmig_elf_file {
	const char *path;
	const struct xmig_isa *isa;
	int linked; /* an executable (addresses final), not a relocatable object */
	int descriptor;
	void *elf; /* Elf * */
	size_t function_count;
	struct xmig_function_symbol *functions; /* sorted by address */
};

int xmig_elf_open(const char *path, struct xmig_elf_file *file, struct xmig_error *error);
void xmig_elf_close(struct xmig_elf_file *file);

/* The contents of the section with this name: 1 when found, 0 when the file
 * has no such section, -1 on error. */
int xmig_elf_section(struct xmig_elf_file *file, const char *name, const uint8_t **data,
                     size_t *size, struct xmig_error *error);

/* The function symbol whose range holds the address, or NULL. */
const struct xmig_function_symbol *xmig_elf_function_at(const struct xmig_elf_file *file,
                                                        uint64_t address);

/* In a relocatable object: the name of the symbol that the relocation at
 * `offset` in section `section_name` refers to (a section symbol's name is
 * its section's), or NULL. */
const char *xmig_elf_relocation_symbol(struct xmig_elf_file *file, const char *section_name,
                                       uint64_t offset);

/* A pointer to the byte at the address in the allocated section that holds
 * it (an address at the section's very end counts: a call may be its last
 * instruction), with *available set to how many bytes precede it in that
 * section; NULL when no section holds it. */
const uint8_t *xmig_elf_code_at(struct xmig_elf_file *file, uint64_t address, size_t *available);

/* A symbol's value by name: 1 when found (defined), 0 when not. */
int xmig_elf_symbol(struct xmig_elf_file *file, const char *name, uint64_t *address);

/* The GNU build-id's bytes and size; 0 when the file has none. */
size_t xmig_elf_build_id(struct xmig_elf_file *file, const uint8_t **build_id);

#endif
