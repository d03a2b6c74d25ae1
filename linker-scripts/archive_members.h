/* Walking the members of an archive (libxmig.a, libc.a) with libelf. */
#ifndef XMIG_ALIGN_ARCHIVE_MEMBERS_H
#define XMIG_ALIGN_ARCHIVE_MEMBERS_H

#include <libelf.h>

/* Calls visit for every member but the symbol index and the long-name table,
 * with the member's name, until it returns non-zero, which is then returned;
 * 0 when every member was visited. `descriptor` is the file `archive` reads. */
int xmig_for_each_archive_member(int descriptor, Elf *archive,
                                 int (*visit)(Elf *member, const char *name, void *context),
                                 void *context);

#endif
