/* Reading the xmig sections of relocatable objects with libelf. */
#define _POSIX_C_SOURCE 200809L
#include "input_sections.h"

#include "archive_members.h"

#include "xmig/isa.h"
#include "xmig/section_names.h"
#include "xmig/stackmap.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const kind_prefixes[XMIG_KIND_COUNT] = {
        [XMIG_KIND_TEXT] = XMIG_TEXT_SECTION_PREFIX,
        [XMIG_KIND_RODATA] = XMIG_RODATA_SECTION_PREFIX,
        [XMIG_KIND_DATA] = XMIG_DATA_SECTION_PREFIX,
        [XMIG_KIND_BSS] = XMIG_BSS_SECTION_PREFIX,
};

int xmig_section_kind_of(const char *name)
{
	for (int kind = 0; kind < XMIG_KIND_COUNT; kind++) {
		size_t length = strlen(kind_prefixes[kind]);
		if (strncmp(name, kind_prefixes[kind], length) == 0 && name[length] != '\0')
			return kind;
	}
	return -1;
}

struct reader {
	const struct xmig_isa *isa;
	struct xmig_isa_inputs *inputs;
	size_t capacity;
	struct xmig_error *error;
};

static int add_section(struct reader *reader, const char *name, enum xmig_section_kind kind,
                       uint64_t size, uint64_t alignment, const char *origin)
{
	struct xmig_isa_inputs *inputs = reader->inputs;
	if (inputs->count == reader->capacity) {
		size_t capacity = reader->capacity ? 2 * reader->capacity : 256;
		void *grown = realloc(inputs->sections, capacity * sizeof *inputs->sections);
		if (!grown)
			return xmig_fail(reader->error, "out of memory reading %s", origin);
		inputs->sections = grown;
		reader->capacity = capacity;
	}
	struct xmig_input_section *section = &inputs->sections[inputs->count];
	section->name = strdup(name);
	section->origin = strdup(origin);
	if (!section->name || !section->origin) {
		free(section->name);
		free(section->origin);
		return xmig_fail(reader->error, "out of memory reading %s", origin);
	}
	section->kind = kind;
	section->size = size;
	section->alignment = alignment ? alignment : 1;
	inputs->count++;
	return 0;
}

/* Whether .comment holds the plugin's mark among its NUL-separated strings. */
static int has_instrumented_mark(const char *data, size_t size)
{
	size_t mark_length = strlen(XMIG_INSTRUMENTED_MARK);
	for (size_t at = 0; at < size;) {
		const char *end = memchr(data + at, '\0', size - at);
		size_t length = end ? (size_t)(end - (data + at)) : size - at;
		if (length == mark_length && memcmp(data + at, XMIG_INSTRUMENTED_MARK, length) == 0)
			return 1;
		at += length + 1;
	}
	return 0;
}

static int count_sites(Elf_Scn *scn, const char *origin, struct reader *reader)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data || !data->d_buf || data->d_size == 0)
		return 0;
	char what[512];
	snprintf(what, sizeof what, "%s: .llvm_stackmaps", origin);
	struct xmig_stackmap stackmap;
	if (xmig_stackmap_parse(data->d_buf, data->d_size, what, &stackmap, reader->error) != 0)
		return -1;
	reader->inputs->site_count += stackmap.record_count;
	xmig_stackmap_free(&stackmap);
	return 0;
}

/* One relocatable object: its xmig sections, its site count, its mark. */
static int read_object(struct reader *reader, Elf *elf, const char *origin, int in_archive)
{
	GElf_Ehdr header;
	if (!gelf_getehdr(elf, &header))
		return xmig_fail(reader->error, "%s: not a valid ELF file: %s", origin,
		                 elf_errmsg(-1));
	if (header.e_type != ET_REL)
		return xmig_fail(reader->error,
		                 "%s: a linked binary, not an object file; give xmig-align the "
		                 "objects it is linked from",
		                 origin);
	if (header.e_machine != reader->isa->elf_machine) {
		const struct xmig_isa *actual = xmig_isa_for_machine(header.e_machine);
		return xmig_fail(reader->error, "%s: an object for %s, given as %s", origin,
		                 actual ? actual->name : "another machine", reader->isa->name);
	}
	size_t names_index;
	if (elf_getshdrstrndx(elf, &names_index) != 0)
		return xmig_fail(reader->error, "%s: no section names: %s", origin, elf_errmsg(-1));

	int instrumented = 0;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr section;
		if (!gelf_getshdr(scn, &section))
			return xmig_fail(reader->error, "%s: bad section header: %s", origin,
			                 elf_errmsg(-1));
		const char *name = elf_strptr(elf, names_index, section.sh_name);
		if (!name)
			return xmig_fail(reader->error, "%s: bad section name: %s", origin,
			                 elf_errmsg(-1));
		if (strcmp(name, ".comment") == 0) {
			Elf_Data *data = elf_getdata(scn, NULL);
			if (data && data->d_buf && has_instrumented_mark(data->d_buf, data->d_size))
				instrumented = 1;
			continue;
		}
		if (strcmp(name, ".llvm_stackmaps") == 0) {
			if (count_sites(scn, origin, reader) != 0)
				return -1;
			continue;
		}
		int kind = xmig_section_kind_of(name);
		if (kind < 0 || !(section.sh_flags & SHF_ALLOC))
			continue;
		if (section.sh_flags & SHF_GROUP)
			return xmig_fail(reader->error,
			                 "%s: section %s is in a COMDAT group; the linker may "
			                 "drop it, so it cannot have a fixed address",
			                 origin, name);
		if (add_section(reader, name, kind, section.sh_size, section.sh_addralign, origin))
			return -1;
	}
	/* The runtime's archive is not instrumented but holds xmig sections of
	 * its own; only objects given directly must come from the plugin. */
	if (!instrumented && !in_archive)
		return xmig_fail(reader->error,
		                 "%s: not compiled with migpoint.so (no \"%s\" in .comment); "
		                 "compile it with xmig-cc, or clang -fpass-plugin=migpoint.so",
		                 origin, XMIG_INSTRUMENTED_MARK);
	return 0;
}

struct archive_reading {
	struct reader *reader;
	const char *path;
};

static int read_member(Elf *member, const char *name, void *context)
{
	struct archive_reading *reading = context;
	if (elf_kind(member) != ELF_K_ELF)
		return xmig_fail(reading->reader->error, "%s(%s): not an ELF object", reading->path,
		                 name);
	char origin[1024];
	snprintf(origin, sizeof origin, "%s(%s)", reading->path, name);
	return read_object(reading->reader, member, origin, 1);
}

static int read_archive(struct reader *reader, int descriptor, Elf *archive, const char *path)
{
	struct archive_reading reading = {reader, path};
	return xmig_for_each_archive_member(descriptor, archive, read_member, &reading) != 0 ? -1
	                                                                                     : 0;
}

static int read_file(struct reader *reader, const char *path, int *from_archive)
{
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0)
		return xmig_fail(reader->error, "cannot open %s: %s", path, strerror(errno));
	Elf *elf = elf_begin(descriptor, ELF_C_READ, NULL);
	int status;
	if (!elf) {
		status = xmig_fail(reader->error, "%s: cannot read: %s", path, elf_errmsg(-1));
	} else if (elf_kind(elf) == ELF_K_AR) {
		*from_archive = 1;
		status = read_archive(reader, descriptor, elf, path);
	} else if (elf_kind(elf) == ELF_K_ELF) {
		*from_archive = 0;
		status = read_object(reader, elf, path, 0);
	} else {
		status = xmig_fail(reader->error, "%s: neither an ELF object nor an archive", path);
	}
	if (elf)
		elf_end(elf);
	close(descriptor);
	return status;
}

struct origin_order {
	struct xmig_input_section section;
	size_t position; /* reading order, to keep the first definition */
	int from_archive;
};

static int by_name_then_position(const void *left, const void *right)
{
	const struct origin_order *a = left, *b = right;
	int order = strcmp(a->section.name, b->section.name);
	if (order != 0)
		return order;
	return a->position < b->position ? -1 : a->position > b->position;
}

static void free_section(struct xmig_input_section *section)
{
	free(section->name);
	free(section->origin);
}

/* Sorts by name and keeps one section per name: two direct objects defining
 * the same name cannot both be linked; an archive member yields to anything
 * earlier, as the linker would not pull it for an already defined symbol. */
static int resolve_duplicates(struct xmig_isa_inputs *inputs, const unsigned char *from_archive,
                              struct xmig_error *error)
{
	struct origin_order *order = calloc(inputs->count ? inputs->count : 1, sizeof *order);
	if (!order)
		return xmig_fail(error, "out of memory");
	for (size_t i = 0; i < inputs->count; i++)
		order[i] = (struct origin_order){inputs->sections[i], i, from_archive[i]};
	qsort(order, inputs->count, sizeof *order, by_name_then_position);
	size_t kept = 0;
	int status = 0;
	for (size_t i = 0; i < inputs->count; i++) {
		if (kept > 0 &&
		    strcmp(inputs->sections[kept - 1].name, order[i].section.name) == 0) {
			if (!order[i].from_archive && status == 0)
				status = xmig_fail(error, "%s: %s is also defined by %s",
				                   order[i].section.origin, order[i].section.name,
				                   inputs->sections[kept - 1].origin);
			free_section(&order[i].section);
			continue;
		}
		inputs->sections[kept++] = order[i].section;
	}
	inputs->count = kept;
	free(order);
	return status;
}

int xmig_read_isa_inputs(const char *isa_name, char *const *paths, size_t path_count,
                         struct xmig_isa_inputs *inputs, struct xmig_error *error)
{
	memset(inputs, 0, sizeof *inputs);
	inputs->isa = isa_name;
	const struct xmig_isa *isa = NULL;
	if (strcmp(isa_name, xmig_isa_x86_64.name) == 0)
		isa = &xmig_isa_x86_64;
	else if (strcmp(isa_name, xmig_isa_aarch64.name) == 0)
		isa = &xmig_isa_aarch64;
	if (!isa)
		return xmig_fail(error, "unknown ISA '%s' (known: x86_64, aarch64)", isa_name);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return xmig_fail(error, "libelf is out of date: %s", elf_errmsg(-1));

	struct reader reader = {isa, inputs, 0, error};
	unsigned char *from_archive = NULL;
	size_t flags_capacity = 0;
	int status = 0;
	for (size_t i = 0; i < path_count && status == 0; i++) {
		size_t before = inputs->count;
		int archive = 0;
		status = read_file(&reader, paths[i], &archive);
		if (status == 0 && inputs->count > flags_capacity) {
			flags_capacity = reader.capacity;
			unsigned char *grown = realloc(from_archive, flags_capacity);
			if (!grown) {
				status = xmig_fail(error, "out of memory");
				break;
			}
			from_archive = grown;
		}
		if (status == 0)
			memset(from_archive + before, archive, inputs->count - before);
	}
	if (status == 0)
		status = resolve_duplicates(inputs, from_archive, error);
	free(from_archive);
	if (status != 0)
		xmig_isa_inputs_free(inputs);
	return status;
}

void xmig_isa_inputs_free(struct xmig_isa_inputs *inputs)
{
	for (size_t i = 0; i < inputs->count; i++)
		free_section(&inputs->sections[i]);
	free(inputs->sections);
	inputs->sections = NULL;
	inputs->count = 0;
}
