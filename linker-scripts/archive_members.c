#include "archive_members.h"

#include <stddef.h>

int xmig_for_each_archive_member(int descriptor, Elf *archive,
                                 int (*visit)(Elf *member, const char *name, void *context),
                                 void *context)
{
	Elf_Cmd command = ELF_C_READ;
	Elf *member;
	int status = 0;
	while (status == 0 && (member = elf_begin(descriptor, command, archive)) != NULL) {
		Elf_Arhdr *header = elf_getarhdr(member);
		/* The symbol index and the long-name table are members too. */
		if (header && header->ar_name[0] != '/')
			status = visit(member, header->ar_name, context);
		command = elf_next(member);
		elf_end(member);
	}
	return status;
}
