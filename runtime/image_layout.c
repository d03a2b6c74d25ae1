#include "xmig/image_layout.h"

#include <elf.h>
#include <string.h>

size_t xmig_image_note_size(size_t name_size, size_t descriptor_size)
{
	return sizeof(Elf64_Nhdr) + (name_size + 3) / 4 * 4 + (descriptor_size + 3) / 4 * 4;
}

uint8_t *xmig_image_add_note(uint8_t **cursor, const char *name, uint32_t type,
                             size_t descriptor_size)
{
	Elf64_Nhdr header = {(uint32_t)strlen(name) + 1, (uint32_t)descriptor_size, type};
	memcpy(*cursor, &header, sizeof header);
	uint8_t *at = *cursor + sizeof header;
	memset(at, 0, xmig_image_note_size(header.n_namesz, descriptor_size) - sizeof header);
	memcpy(at, name, header.n_namesz);
	at += (header.n_namesz + 3) / 4 * 4;
	*cursor = at + (descriptor_size + 3) / 4 * 4;
	return at;
}

void xmig_image_core_header(void *header, uint16_t machine, size_t segment_count)
{
	Elf64_Ehdr elf;
	memset(&elf, 0, sizeof elf);
	memcpy(elf.e_ident, ELFMAG, SELFMAG);
	elf.e_ident[EI_CLASS] = ELFCLASS64;
	elf.e_ident[EI_DATA] = ELFDATA2LSB;
	elf.e_ident[EI_VERSION] = EV_CURRENT;
	elf.e_ident[EI_OSABI] = ELFOSABI_NONE;
	elf.e_type = ET_CORE;
	elf.e_machine = machine;
	elf.e_version = EV_CURRENT;
	elf.e_phoff = sizeof(Elf64_Ehdr);
	elf.e_ehsize = sizeof(Elf64_Ehdr);
	elf.e_phentsize = sizeof(Elf64_Phdr);
	elf.e_phnum = (uint16_t)segment_count;
	memcpy(header, &elf, sizeof elf);
}
