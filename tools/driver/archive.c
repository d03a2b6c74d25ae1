#define _POSIX_C_SOURCE 200809L
#include "archive.h"

#include "commands.h"
#include "fat_object.h"
#include "list.h"
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Pairs of (given archive, foreign archive): -lfoo often appears twice on a
 * link line to resolve circular references. */
static struct xmig_list made;

/* The archive's symbol table and long-name table, which libelf may return as
 * members of their own. */
static int special_member(const char *name)
{
	return strcmp(name, "/") == 0 || strcmp(name, "//") == 0 || strcmp(name, "/SYM64/") == 0;
}

/* Extracts every member's foreign object into files listed in members. */
static int extract_members(int fd, const char *archive, struct xmig_list *members)
{
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_AR) {
		fprintf(stderr, "xmig-cc: %s is not an archive\n", archive);
		elf_end(elf);
		return -1;
	}
	int result = 0;
	Elf_Cmd command = ELF_C_READ;
	Elf *member;
	while (result == 0 && (member = elf_begin(fd, command, elf)) != NULL) {
		Elf_Arhdr *header = elf_getarhdr(member);
		const char *name = header && header->ar_name ? header->ar_name : "?";
		if (!special_member(name)) {
			char *display = xmig_format("%s(%s)", archive, name);
			char *path = xmig_scratch_path(name);
			result = path ? xmig_fat_object_extract(member, display, path) : -1;
			if (result == 0)
				xmig_list_add(members, path);
			free(display);
		}
		command = elf_next(member);
		elf_end(member);
	}
	elf_end(elf);
	return result;
}

const char *xmig_foreign_archive(const struct xmig_toolchain *toolchain, const char *archive)
{
	for (size_t i = 0; i + 1 < made.count; i += 2)
		if (strcmp(made.items[i], archive) == 0)
			return made.items[i + 1];
	if (xmig_libelf_ready() != 0)
		return NULL;

	int fd = open(archive, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "xmig-cc: cannot open %s: %s\n", archive, strerror(errno));
		return NULL;
	}
	struct xmig_list members = {0};
	int extracted = extract_members(fd, archive, &members);
	close(fd);
	char *output = extracted == 0 ? xmig_scratch_path(archive) : NULL;
	if (!output) {
		xmig_list_free(&members);
		return NULL;
	}

	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->ar);
	/* D: deterministic, so that nothing but the contents tells two links
	 * apart. */
	xmig_list_add(&argv, "rcsD");
	xmig_list_add(&argv, output);
	xmig_list_add_all(&argv, &members);
	char *step = xmig_format("archiving the %s objects of %s",
	                         xmig_isa_name(xmig_foreign_isa()), archive);
	int result = xmig_run(step, &argv, 0);
	free(step);
	xmig_list_free(&argv);
	xmig_list_free(&members);
	if (result != 0)
		return NULL;
	xmig_list_add(&made, xmig_copy(archive));
	xmig_list_add(&made, output);
	return output;
}
