/* Fat objects: the host ISA's ELF object, which every linker and archiver
 * takes as it is, carrying the other ISA's complete object in a section
 * named .xmig.object.<isa> marked SHF_EXCLUDE, which linkers drop. */
#ifndef XMIG_DRIVER_FAT_OBJECT_H
#define XMIG_DRIVER_FAT_OBJECT_H

#include "toolchain.h"

#include <libelf.h>

/* Writes output: host_object with foreign_object inside. */
int xmig_fat_object_make(const struct xmig_toolchain *toolchain, const char *host_object,
                         const char *foreign_object, const char *output);

/* Writes the foreign ISA's object inside elf (an object file or an archive
 * member, called name in messages) to path, a new file. Returns -1 with a
 * message when elf is not a fat object of the host ISA. */
int xmig_fat_object_extract(Elf *elf, const char *name, const char *path);
/* The same for the object file at object. */
int xmig_fat_object_extract_file(const char *object, const char *path);

/* Calls elf_version once; -1 with a message if libelf is unusable. */
int xmig_libelf_ready(void);

#endif
