/* Finding stdout in a C library archive with libelf. */
#define _POSIX_C_SOURCE 200809L
#include "standard_streams.h"

#include "archive_members.h"

#include "xmig/isa.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* stdout's symbol in the member, and the section that holds it. */
static int read_member(Elf *member, const char *origin, const char *isa,
                       struct xmig_standard_streams *streams, struct xmig_error *error)
{
	GElf_Ehdr header;
	if (!gelf_getehdr(member, &header) || header.e_type != ET_REL)
		return xmig_fail(error, "%s: not a relocatable object", origin);
	const struct xmig_isa *actual = xmig_isa_for_machine(header.e_machine);
	if (!actual || strcmp(actual->name, isa) != 0)
		return xmig_fail(error, "%s: a C library for %s, given as %s's", origin,
		                 actual ? actual->name : "another machine", isa);
	size_t names_index;
	if (elf_getshdrstrndx(member, &names_index) != 0)
		return xmig_fail(error, "%s: no section names: %s", origin, elf_errmsg(-1));
	for (Elf_Scn *scn = elf_nextscn(member, NULL); scn; scn = elf_nextscn(member, scn)) {
		GElf_Shdr symbols_header;
		if (!gelf_getshdr(scn, &symbols_header) || symbols_header.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *symbols = elf_getdata(scn, NULL);
		size_t count = symbols_header.sh_entsize
		                       ? symbols_header.sh_size / symbols_header.sh_entsize
		                       : 0;
		for (size_t i = 0; symbols && i < count; i++) {
			GElf_Sym symbol;
			if (!gelf_getsym(symbols, (int)i, &symbol))
				break;
			const char *name =
			        elf_strptr(member, symbols_header.sh_link, symbol.st_name);
			if (!name || strcmp(name, XMIG_STANDARD_STREAMS_STDOUT) != 0)
				continue;
			GElf_Shdr holder;
			Elf_Scn *holder_scn = elf_getscn(member, symbol.st_shndx);
			const char *holder_name =
			        holder_scn && gelf_getshdr(holder_scn, &holder)
			                ? elf_strptr(member, names_index, holder.sh_name)
			                : NULL;
			if (!holder_name || strlen(holder_name) >= sizeof streams->section ||
			    holder.sh_addralign == 0 ||
			    (holder.sh_addralign & (holder.sh_addralign - 1)) != 0 ||
			    symbol.st_value >= holder.sh_size)
				return xmig_fail(error,
				                 "%s: %s is in no section xmig-align can place",
				                 origin, XMIG_STANDARD_STREAMS_STDOUT);
			strcpy(streams->section, holder_name);
			streams->size = holder.sh_size;
			streams->alignment = holder.sh_addralign;
			streams->stdout_offset = symbol.st_value;
			return 0;
		}
	}
	return xmig_fail(error, "%s: no symbol %s", origin, XMIG_STANDARD_STREAMS_STDOUT);
}

struct member_search {
	const char *libc_path;
	const char *isa;
	struct xmig_standard_streams *streams;
	struct xmig_error *error;
	int found, status;
};

static int search_member(Elf *member, const char *name, void *context)
{
	struct member_search *search = context;
	if (strcmp(name, XMIG_STANDARD_STREAMS_MEMBER) != 0)
		return 0;
	char origin[4200];
	snprintf(origin, sizeof origin, "%s(%s)", search->libc_path, name);
	search->found = 1;
	search->status = read_member(member, origin, search->isa, search->streams, search->error);
	return 1;
}

int xmig_read_standard_streams(const char *libc_path, const char *isa,
                               struct xmig_standard_streams *streams, struct xmig_error *error)
{
	memset(streams, 0, sizeof *streams);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return xmig_fail(error, "libelf is too old: %s", elf_errmsg(-1));
	int descriptor = open(libc_path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0)
		return xmig_fail(error, "cannot open %s: %s", libc_path, strerror(errno));
	Elf *archive = elf_begin(descriptor, ELF_C_READ, NULL);
	int status = -1;
	if (!archive || elf_kind(archive) != ELF_K_AR) {
		xmig_fail(error, "%s: not an archive (give the static C library, libc.a)",
		          libc_path);
	} else {
		struct member_search search = {libc_path, isa, streams, error, 0, -1};
		xmig_for_each_archive_member(descriptor, archive, search_member, &search);
		status = search.status;
		if (!search.found)
			xmig_fail(error, "%s: no member %s: not glibc's static C library?",
			          libc_path, XMIG_STANDARD_STREAMS_MEMBER);
	}
	if (archive)
		elf_end(archive);
	close(descriptor);
	return status;
}
