#define _GNU_SOURCE
#include "own_binary.h"

#include <elf.h>
#include <limits.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

uint32_t xmig_own_build_id(const uint8_t **build_id)
{
	/* A static non-PIE binary: program headers at their link-time address. */
	const Elf64_Phdr *headers = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long count = getauxval(AT_PHNUM);
	for (unsigned long i = 0; headers && i < count; i++) {
		if (headers[i].p_type != PT_NOTE)
			continue;
		const uint8_t *at = (const uint8_t *)(uintptr_t)headers[i].p_vaddr;
		const uint8_t *end = at + headers[i].p_memsz;
		while (end - at >= (long)sizeof(Elf64_Nhdr)) {
			Elf64_Nhdr note;
			memcpy(&note, at, sizeof note);
			const uint8_t *name = at + sizeof note;
			const uint8_t *descriptor = name + ((note.n_namesz + 3) & ~3u);
			const uint8_t *next = descriptor + ((note.n_descsz + 3) & ~3u);
			if (next > end)
				break;
			if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0) {
				*build_id = descriptor;
				return note.n_descsz;
			}
			at = next;
		}
	}
	*build_id = NULL;
	return 0;
}

/* The linker defines it at the binary's ELF header, mapped at the start of
 * the first segment. */
extern const Elf64_Ehdr __ehdr_start;

uint16_t xmig_own_elf_machine(void)
{
	return __ehdr_start.e_machine;
}

const char *xmig_own_path(void)
{
	static char path[PATH_MAX];
	if (path[0] == '\0') {
		ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
		path[length > 0 ? length : 0] = '\0';
	}
	return path;
}

int xmig_page_is_file_backed(uint64_t page)
{
	const Elf64_Phdr *headers = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long count = getauxval(AT_PHNUM);
	for (unsigned long i = 0; headers && i < count; i++) {
		if (headers[i].p_type != PT_LOAD)
			continue;
		uint64_t end = (headers[i].p_vaddr + headers[i].p_filesz + 4095) / 4096 * 4096;
		if (page < end && page + 4096 > headers[i].p_vaddr)
			return 1;
	}
	return 0;
}
