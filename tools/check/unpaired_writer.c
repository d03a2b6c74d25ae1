#define _POSIX_C_SOURCE 200809L
#include "unpaired_writer.h"

#include "xmig/unpaired_table.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The table's place in the file, read with libelf. */
static int locate_table(int descriptor, const char *path, uint64_t *offset, uint64_t *size)
{
	Elf *elf = elf_begin(descriptor, ELF_C_READ, NULL);
	size_t names_index;
	int status = -1;
	if (!elf || elf_getshdrstrndx(elf, &names_index) != 0) {
		fprintf(stderr, "xmig-check: %s: cannot read: %s\n", path, elf_errmsg(-1));
		goto out;
	}
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr header;
		if (!gelf_getshdr(scn, &header))
			continue;
		const char *name = elf_strptr(elf, names_index, header.sh_name);
		if (name && strcmp(name, XMIG_UNPAIRED_SECTION) == 0 &&
		    header.sh_type == SHT_PROGBITS) {
			*offset = header.sh_offset;
			*size = header.sh_size;
			status = 0;
			goto out;
		}
	}
	fprintf(stderr,
	        "xmig-check: %s has no %s section: it was not linked with a script from "
	        "xmig-align\n",
	        path, XMIG_UNPAIRED_SECTION);
out:
	if (elf)
		elf_end(elf);
	return status;
}

int xmig_write_unpaired_table(const char *path, const uint64_t *ids, size_t count)
{
	int descriptor = open(path, O_RDWR | O_CLOEXEC);
	if (descriptor < 0) {
		fprintf(stderr, "xmig-check: cannot open %s for writing: %s\n", path,
		        strerror(errno));
		return -1;
	}
	uint64_t offset, size;
	struct xmig_unpaired_table header;
	int status = -1;
	uint64_t *entries = NULL;
	if (locate_table(descriptor, path, &offset, &size) != 0)
		goto out;
	if (size < sizeof header ||
	    pread(descriptor, &header, sizeof header, (off_t)offset) != (ssize_t)sizeof header ||
	    memcmp(header.magic, XMIG_UNPAIRED_MAGIC, sizeof header.magic) != 0 ||
	    header.version != XMIG_UNPAIRED_VERSION ||
	    header.capacity != (size - sizeof header) / sizeof(uint64_t)) {
		fprintf(stderr, "xmig-check: %s: %s does not hold an unpaired-site table\n", path,
		        XMIG_UNPAIRED_SECTION);
		goto out;
	}
	if (count > header.capacity) {
		fprintf(stderr,
		        "xmig-check: %s: %zu unpaired sites, but room for %llu: the binary was "
		        "linked from other objects than the script was made for\n",
		        path, count, (unsigned long long)header.capacity);
		goto out;
	}
	/* The whole table is rewritten, so that checking twice gives the same
	 * bytes. */
	entries = calloc(header.capacity ? header.capacity : 1, sizeof *entries);
	if (!entries) {
		fprintf(stderr, "xmig-check: out of memory\n");
		goto out;
	}
	memcpy(entries, ids, count * sizeof *ids);
	header.state = XMIG_UNPAIRED_CHECKED;
	header.count = count;
	size_t entry_bytes = header.capacity * sizeof *entries;
	if (pwrite(descriptor, &header, sizeof header, (off_t)offset) != (ssize_t)sizeof header ||
	    pwrite(descriptor, entries, entry_bytes, (off_t)(offset + sizeof header)) !=
	            (ssize_t)entry_bytes ||
	    fsync(descriptor) != 0) {
		fprintf(stderr, "xmig-check: writing the unpaired-site table of %s failed: %s\n",
		        path, strerror(errno));
		goto out;
	}
	status = 0;
out:
	free(entries);
	close(descriptor);
	return status;
}
