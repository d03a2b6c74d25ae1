/* O_CLOEXEC is POSIX 2008, not ISO C11. */
#define _POSIX_C_SOURCE 200809L

#include "xmig/elf_file.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int compare_functions(const void *left, const void *right)
{
	const struct xmig_function_symbol *a = left, *b = right;
	return a->address < b->address ? -1 : a->address > b->address;
}

static int load_function_symbols(struct xmig_elf_file *file, struct xmig_error *error)
{
	Elf *elf = file->elf;
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || header.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *data = elf_getdata(section, NULL);
		if (!data || header.sh_entsize == 0)
			return xmig_fail(error, "%s: unreadable symbol table", file->path);
		size_t count = header.sh_size / header.sh_entsize;
		file->functions = calloc(count + 1, sizeof *file->functions);
		if (!file->functions)
			return xmig_fail(error, "%s: out of memory reading symbols", file->path);
		for (size_t i = 0; i < count; i++) {
			GElf_Sym symbol;
			if (!gelf_getsym(data, (int)i, &symbol) ||
			    GELF_ST_TYPE(symbol.st_info) != STT_FUNC ||
			    symbol.st_shndx == SHN_UNDEF)
				continue;
			const char *name = elf_strptr(elf, header.sh_link, symbol.st_name);
			file->functions[file->function_count++] = (struct xmig_function_symbol){
			        symbol.st_value, symbol.st_size, name ? name : "?"};
		}
		qsort(file->functions, file->function_count, sizeof *file->functions,
		      compare_functions);
		return 0;
	}
	return 0;
}

int xmig_elf_open(const char *path, struct xmig_elf_file *file, struct xmig_error *error)
{
	memset(file, 0, sizeof *file);
	file->path = path;
	file->descriptor = -1;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return xmig_fail(error, "libelf: %s", elf_errmsg(-1));

	file->descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (file->descriptor < 0)
		return xmig_fail(error, "%s: %s", path, strerror(errno));
	Elf *elf = elf_begin(file->descriptor, ELF_C_READ, NULL);
	file->elf = elf;
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		xmig_elf_close(file);
		return xmig_fail(error, "%s: not an ELF file", path);
	}

	GElf_Ehdr header;
	if (!gelf_getehdr(elf, &header) || gelf_getclass(elf) != ELFCLASS64 ||
	    header.e_ident[EI_DATA] != ELFDATA2LSB) {
		xmig_elf_close(file);
		return xmig_fail(error, "%s: not a 64-bit little-endian ELF file", path);
	}
	file->isa = xmig_isa_for_machine(header.e_machine);
	if (!file->isa) {
		xmig_elf_close(file);
		return xmig_fail(error, "%s: ELF machine %u is neither x86_64 nor aarch64", path,
		                 header.e_machine);
	}
	file->linked = header.e_type == ET_EXEC || header.e_type == ET_DYN;
	if (load_function_symbols(file, error) != 0) {
		xmig_elf_close(file);
		return -1;
	}
	return 0;
}

void xmig_elf_close(struct xmig_elf_file *file)
{
	if (file->elf)
		elf_end(file->elf);
	if (file->descriptor >= 0)
		close(file->descriptor);
	free(file->functions);
	file->elf = NULL;
	file->descriptor = -1;
	file->functions = NULL;
	file->function_count = 0;
}

static Elf_Scn *section_named(struct xmig_elf_file *file, const char *name)
{
	size_t names_index;
	if (elf_getshdrstrndx(file->elf, &names_index) != 0)
		return NULL;
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file->elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header))
			continue;
		const char *section_name = elf_strptr(file->elf, names_index, header.sh_name);
		if (section_name && strcmp(section_name, name) == 0)
			return section;
	}
	return NULL;
}

int xmig_elf_section(struct xmig_elf_file *file, const char *name, const uint8_t **data,
                     size_t *size, struct xmig_error *error)
{
	*data = NULL;
	*size = 0;
	Elf_Scn *section = section_named(file, name);
	if (!section)
		return 0;
	Elf_Data *contents = elf_getdata(section, NULL);
	if (!contents)
		return xmig_fail(error, "%s: cannot read section %s: %s", file->path, name,
		                 elf_errmsg(-1));
	*data = contents->d_buf;
	*size = contents->d_size;
	return 1;
}

const struct xmig_function_symbol *xmig_elf_function_at(const struct xmig_elf_file *file,
                                                        uint64_t address)
{
	size_t low = 0, high = file->function_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (file->functions[middle].address <= address)
			low = middle + 1;
		else
			high = middle;
	}
	if (low == 0)
		return NULL;
	const struct xmig_function_symbol *candidate = &file->functions[low - 1];
	return address < candidate->address + candidate->size ? candidate : NULL;
}

const uint8_t *xmig_elf_code_at(struct xmig_elf_file *file, uint64_t address, size_t *available)
{
	*available = 0;
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file->elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || !(header.sh_flags & SHF_ALLOC) ||
		    header.sh_type != SHT_PROGBITS || address <= header.sh_addr ||
		    address > header.sh_addr + header.sh_size)
			continue;
		Elf_Data *contents = elf_getdata(section, NULL);
		if (!contents || contents->d_size != header.sh_size)
			return NULL;
		*available = address - header.sh_addr;
		return (const uint8_t *)contents->d_buf + *available;
	}
	return NULL;
}

const char *xmig_elf_relocation_symbol(struct xmig_elf_file *file, const char *section_name,
                                       uint64_t offset)
{
	Elf_Scn *target = section_named(file, section_name);
	size_t names_index;
	if (!target || elf_getshdrstrndx(file->elf, &names_index) != 0)
		return NULL;
	size_t target_index = elf_ndxscn(target);

	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file->elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || header.sh_type != SHT_RELA ||
		    header.sh_info != target_index || header.sh_entsize == 0)
			continue;
		Elf_Data *relocations = elf_getdata(section, NULL);
		Elf_Scn *symbol_section = elf_getscn(file->elf, header.sh_link);
		GElf_Shdr symbol_header;
		Elf_Data *symbols = symbol_section ? elf_getdata(symbol_section, NULL) : NULL;
		if (!relocations || !symbols || !gelf_getshdr(symbol_section, &symbol_header))
			return NULL;
		for (size_t i = 0; i < header.sh_size / header.sh_entsize; i++) {
			GElf_Rela relocation;
			GElf_Sym symbol;
			if (!gelf_getrela(relocations, (int)i, &relocation) ||
			    relocation.r_offset != offset ||
			    !gelf_getsym(symbols, (int)GELF_R_SYM(relocation.r_info), &symbol))
				continue;
			if (GELF_ST_TYPE(symbol.st_info) != STT_SECTION)
				return elf_strptr(file->elf, symbol_header.sh_link, symbol.st_name);
			Elf_Scn *named = elf_getscn(file->elf, symbol.st_shndx);
			GElf_Shdr named_header;
			if (!named || !gelf_getshdr(named, &named_header))
				return NULL;
			return elf_strptr(file->elf, names_index, named_header.sh_name);
		}
	}
	return NULL;
}

int xmig_elf_symbol(struct xmig_elf_file *file, const char *name, uint64_t *address)
{
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file->elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || header.sh_type != SHT_SYMTAB ||
		    header.sh_entsize == 0)
			continue;
		Elf_Data *data = elf_getdata(section, NULL);
		if (!data)
			return 0;
		for (size_t i = 0; i < header.sh_size / header.sh_entsize; i++) {
			GElf_Sym symbol;
			if (!gelf_getsym(data, (int)i, &symbol) || symbol.st_shndx == SHN_UNDEF)
				continue;
			const char *symbol_name =
			        elf_strptr(file->elf, header.sh_link, symbol.st_name);
			if (symbol_name && strcmp(symbol_name, name) == 0) {
				*address = symbol.st_value;
				return 1;
			}
		}
	}
	return 0;
}

size_t xmig_elf_build_id(struct xmig_elf_file *file, const uint8_t **build_id)
{
	*build_id = NULL;
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file->elf, section)) != NULL) {
		GElf_Shdr header;
		if (!gelf_getshdr(section, &header) || header.sh_type != SHT_NOTE)
			continue;
		Elf_Data *data = elf_getdata(section, NULL);
		if (!data)
			continue;
		size_t offset = 0, name_offset, descriptor_offset;
		GElf_Nhdr note;
		while ((offset = gelf_getnote(data, offset, &note, &name_offset,
		                              &descriptor_offset)) != 0) {
			if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
			    memcmp((const char *)data->d_buf + name_offset, "GNU", 4) == 0) {
				*build_id = (const uint8_t *)data->d_buf + descriptor_offset;
				return note.n_descsz;
			}
		}
	}
	return 0;
}
