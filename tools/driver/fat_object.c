#define _POSIX_C_SOURCE 200809L
#include "fat_object.h"

#include "commands.h"
#include "list.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *section_name(enum xmig_isa isa)
{
	return xmig_format(".xmig.object.%s", xmig_isa_name(isa));
}

int xmig_libelf_ready(void)
{
	static int ready;
	if (!ready && elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "xmig-cc: libelf is unusable: %s\n", elf_errmsg(-1));
		return -1;
	}
	ready = 1;
	return 0;
}

int xmig_fat_object_make(const struct xmig_toolchain *toolchain, const char *host_object,
                         const char *foreign_object, const char *output)
{
	char *section = section_name(xmig_foreign_isa());
	/* An output named like an option would be read as one. */
	const char *output_argument = output[0] == '-' ? xmig_format("./%s", output) : output;
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->objcopy);
	xmig_list_add(&argv, "--add-section");
	xmig_list_add(&argv, xmig_format("%s=%s", section, foreign_object));
	xmig_list_add(&argv, "--set-section-flags");
	xmig_list_add(&argv, xmig_format("%s=exclude,readonly", section));
	xmig_list_add(&argv, host_object);
	xmig_list_add(&argv, output_argument);
	char *step = xmig_format("writing the fat object %s", output);
	int result = xmig_run(step, &argv, 0);
	free(step);
	xmig_list_free(&argv);
	return result;
}

/* Whether an object is one xmig can use: relocatable, for one of its ISAs.
 * Returns the ISA, or -1 with a message naming the object. */
static int object_isa(Elf *elf, const char *name)
{
	GElf_Ehdr header;
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &header)) {
		fprintf(stderr, "xmig-cc: %s is not an ELF object\n", name);
		return -1;
	}
	if (header.e_type != ET_REL) {
		fprintf(stderr, "xmig-cc: %s is not an object file (a linked binary?)\n", name);
		return -1;
	}
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		if (header.e_machine == xmig_isa_machine(isa))
			return isa;
	fprintf(stderr, "xmig-cc: %s is an object for neither x86_64 nor aarch64\n", name);
	return -1;
}

static Elf_Scn *find_section(Elf *elf, const char *wanted)
{
	size_t names;
	if (elf_getshdrstrndx(elf, &names) != 0)
		return NULL;
	for (Elf_Scn *section = elf_nextscn(elf, NULL); section;
	     section = elf_nextscn(elf, section)) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header))
			continue;
		const char *name = elf_strptr(elf, names, header.sh_name);
		if (name && strcmp(name, wanted) == 0)
			return section;
	}
	return NULL;
}

static int write_file(const char *path, const void *bytes, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "xmig-cc: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	const char *next = bytes;
	while (size > 0) {
		ssize_t written = write(fd, next, size);
		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0) {
			fprintf(stderr, "xmig-cc: cannot write %s: %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		next += written;
		size -= (size_t)written;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "xmig-cc: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int xmig_fat_object_extract(Elf *elf, const char *name, const char *path)
{
	enum xmig_isa host = xmig_host_isa(), foreign = xmig_foreign_isa();
	int isa = object_isa(elf, name);
	if (isa < 0)
		return -1;
	if (isa != (int)host) {
		fprintf(stderr,
		        "xmig-cc: %s is a plain %s object, not a fat %s object made by "
		        "xmig-cc -c; recompile it with xmig-cc\n",
		        name, xmig_isa_name(isa), xmig_isa_name(host));
		return -1;
	}

	char *wanted = section_name(foreign);
	Elf_Scn *section = find_section(elf, wanted);
	free(wanted);
	Elf_Data *data = section ? elf_rawdata(section, NULL) : NULL;
	if (!data || !data->d_buf || data->d_size == 0) {
		fprintf(stderr,
		        "xmig-cc: %s has no %s object inside: it was not compiled by xmig-cc -c; "
		        "recompile it with xmig-cc\n",
		        name, xmig_isa_name(foreign));
		return -1;
	}

	/* What rides inside must itself be usable, or the failure would surface
	 * later as a puzzling message about a temporary file. */
	Elf *inner = elf_memory(data->d_buf, data->d_size);
	char *inner_name = xmig_format("the %s object inside %s", xmig_isa_name(foreign), name);
	int inner_isa = inner ? object_isa(inner, inner_name) : -1;
	if (!inner)
		fprintf(stderr, "xmig-cc: %s is unreadable: %s\n", inner_name, elf_errmsg(-1));
	else if (inner_isa >= 0 && inner_isa != (int)foreign)
		fprintf(stderr, "xmig-cc: %s is for %s\n", inner_name, xmig_isa_name(inner_isa));
	elf_end(inner);
	free(inner_name);
	if (inner_isa != (int)foreign)
		return -1;

	if (xmig_commands_verbose())
		fprintf(stderr, "# %s object of %s -> %s\n", xmig_isa_name(foreign), name, path);
	return write_file(path, data->d_buf, data->d_size);
}

int xmig_fat_object_extract_file(const char *object, const char *path)
{
	if (xmig_libelf_ready() != 0)
		return -1;
	int fd = open(object, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "xmig-cc: cannot open %s: %s\n", object, strerror(errno));
		return -1;
	}
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	int result = -1;
	if (!elf)
		fprintf(stderr, "xmig-cc: cannot read %s: %s\n", object, elf_errmsg(-1));
	else
		result = xmig_fat_object_extract(elf, object, path);
	elf_end(elf);
	close(fd);
	return result;
}
