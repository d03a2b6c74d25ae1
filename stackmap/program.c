#include "xmig/program.h"

#include "xmig/section_names.h"
#include "xmig/unpaired_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_return_address(const void *left, const void *right)
{
	const struct xmig_site *a = *(const struct xmig_site *const *)left;
	const struct xmig_site *b = *(const struct xmig_site *const *)right;
	return a->return_address < b->return_address ? -1 : a->return_address > b->return_address;
}

static uint64_t outermost_id(const struct xmig_site *site)
{
	return site->frames[0].id;
}

/* By outermost source frame, then return address: a stable order. */
static int by_outermost(const void *left, const void *right)
{
	const struct xmig_site *a = *(const struct xmig_site *const *)left;
	const struct xmig_site *b = *(const struct xmig_site *const *)right;
	if (outermost_id(a) != outermost_id(b))
		return outermost_id(a) < outermost_id(b) ? -1 : 1;
	return a->return_address < b->return_address ? -1 : a->return_address > b->return_address;
}

static int load_unpaired_table(struct xmig_program *program, struct xmig_error *error)
{
	const uint8_t *data;
	size_t size;
	int found =
	        xmig_elf_section(&program->binary.file, XMIG_UNPAIRED_SECTION, &data, &size, error);
	if (found < 0)
		return -1;
	if (found == 0)
		return xmig_fail(error,
		                 "%s: no %s section; it was not linked with xmig-align's scripts "
		                 "(build it with xmig-cc)",
		                 program->path, XMIG_UNPAIRED_SECTION);
	struct xmig_unpaired_table header;
	if (size < sizeof header)
		return xmig_fail(error, "%s: the unpaired-site table is truncated", program->path);
	memcpy(&header, data, sizeof header);
	if (memcmp(header.magic, XMIG_UNPAIRED_MAGIC, sizeof header.magic) != 0 ||
	    header.version != XMIG_UNPAIRED_VERSION)
		return xmig_fail(error, "%s: the unpaired-site table is not one this xmig reads",
		                 program->path);
	if (header.state != XMIG_UNPAIRED_CHECKED)
		return xmig_fail(error,
		                 "%s: xmig-check has not paired it with its other-ISA binary "
		                 "(run xmig-check on both)",
		                 program->path);
	if (header.count > header.capacity ||
	    header.count > (size - sizeof header) / sizeof(uint64_t))
		return xmig_fail(error, "%s: the unpaired-site table's count is corrupt",
		                 program->path);
	/* A copy: the section's bytes need not be 8-byte aligned in memory. */
	uint64_t *ids = calloc((size_t)header.count + 1, sizeof *ids);
	if (!ids)
		return xmig_fail(error, "%s: out of memory reading its unpaired sites",
		                 program->path);
	memcpy(ids, data + sizeof header, (size_t)header.count * sizeof *ids);
	program->unpaired_ids = ids;
	program->unpaired_count = (size_t)header.count;
	for (size_t i = 1; i < program->unpaired_count; i++)
		if (program->unpaired_ids[i - 1] >= program->unpaired_ids[i])
			return xmig_fail(error, "%s: the unpaired-site table is not sorted",
			                 program->path);
	return 0;
}

int xmig_program_load(const char *path, struct xmig_program *program, struct xmig_error *error)
{
	memset(program, 0, sizeof *program);
	program->path = path;
	if (xmig_binary_sites_load(path, 0, &program->binary, error) != 0)
		return -1;
	program->isa = program->binary.file.isa;
	if (!program->binary.file.linked) {
		xmig_fail(error, "%s: an object file, not a linked program", path);
		goto fail;
	}
	size_t count = program->binary.sites.count;
	program->by_return_address = calloc(count + 1, sizeof *program->by_return_address);
	program->by_outermost = calloc(count + 1, sizeof *program->by_outermost);
	program->rows = calloc(count + 1, sizeof *program->rows);
	if (!program->by_return_address || !program->by_outermost || !program->rows) {
		xmig_fail(error, "%s: out of memory indexing its sites", path);
		goto fail;
	}
	for (size_t i = 0; i < count; i++)
		program->by_return_address[i] = program->by_outermost[i] =
		        &program->binary.sites.sites[i];
	qsort(program->by_return_address, count, sizeof *program->by_return_address,
	      by_return_address);
	qsort(program->by_outermost, count, sizeof *program->by_outermost, by_outermost);
	if (load_unpaired_table(program, error) != 0)
		goto fail;
	if (!xmig_elf_symbol(&program->binary.file, "__xmig_main_return", &program->main_return)) {
		xmig_fail(error, "%s: no __xmig_main_return; it was not linked with xmig's runtime",
		          path);
		goto fail;
	}
	static const char *const standard_files[] = {"_IO_2_1_stdin_", "_IO_2_1_stdout_",
	                                             "_IO_2_1_stderr_"};
	for (size_t i = 0; i < 3; i++)
		if (!xmig_elf_symbol(&program->binary.file, standard_files[i],
		                     &program->standard_files[i]))
			program->standard_files[i] = 0;
	program->build_id_size = xmig_elf_build_id(&program->binary.file, &program->build_id);
	if (program->build_id_size == 0) {
		xmig_fail(error, "%s: no build-id (link with --build-id)", path);
		goto fail;
	}
	if (xmig_cfi_open(&program->binary.file, &program->cfi, error) != 0)
		goto fail;
	return 0;
fail:
	xmig_program_free(program);
	return -1;
}

void xmig_program_free(struct xmig_program *program)
{
	if (program->cfi)
		xmig_cfi_close(program->cfi);
	free(program->by_return_address);
	free(program->by_outermost);
	if (program->rows)
		for (size_t i = 0; i < program->binary.sites.count; i++)
			free(program->rows[i]);
	free(program->rows);
	free((void *)program->unpaired_ids);
	xmig_binary_sites_free(&program->binary);
	memset(program, 0, sizeof *program);
}

static uint64_t return_address_of(const struct xmig_site *site)
{
	return site->return_address;
}

/* The site whose key is `key` in sites sorted by that key, or NULL. */
static const struct xmig_site *find_site(const struct xmig_site *const *sites, size_t count,
                                         uint64_t key, uint64_t (*key_of)(const struct xmig_site *))
{
	size_t low = 0, high = count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		uint64_t at = key_of(sites[middle]);
		if (at == key)
			return sites[middle];
		if (at < key)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

const struct xmig_site *xmig_program_site_at(const struct xmig_program *program,
                                             uint64_t return_address)
{
	return find_site(program->by_return_address, program->binary.sites.count, return_address,
	                 return_address_of);
}

size_t xmig_program_sites_from(const struct xmig_program *program, uint64_t id,
                               const struct xmig_site *const **sites)
{
	size_t count = program->binary.sites.count, low = 0, high = count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (outermost_id(program->by_outermost[middle]) < id)
			low = middle + 1;
		else
			high = middle;
	}
	size_t end = low;
	while (end < count && outermost_id(program->by_outermost[end]) == id)
		end++;
	*sites = program->by_outermost + low;
	return end - low;
}

uint64_t xmig_program_function_of(const struct xmig_program *program, uint64_t id)
{
	const struct xmig_site *const *sites;
	if (xmig_program_sites_from(program, id, &sites) == 0)
		return 0;
	return sites[0]->record->function->address;
}

int xmig_program_site_unpaired(const struct xmig_program *program, uint64_t id)
{
	size_t low = 0, high = program->unpaired_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		uint64_t at = program->unpaired_ids[middle];
		if (at == id)
			return 1;
		if (at < id)
			low = middle + 1;
		else
			high = middle;
	}
	return 0;
}

int xmig_program_frame_row(const struct xmig_program *program, const struct xmig_site *site,
                           const struct xmig_cfi_row **row, struct xmig_error *error)
{
	size_t index = (size_t)(site - program->binary.sites.sites);
	if (index >= program->binary.sites.count)
		return xmig_fail(error, "a site of another program");
	if (!program->rows[index]) {
		struct xmig_cfi_row *read = malloc(sizeof *read);
		if (!read)
			return xmig_fail(error, "out of memory reading CFI");
		/* The row of the call, not of what follows it: see xmig/cfi.h. */
		if (xmig_cfi_row_at(program->cfi, site->return_address - 1, read, error) != 0) {
			free(read);
			return -1;
		}
		program->rows[index] = read;
	}
	*row = program->rows[index];
	return 0;
}

const char *xmig_program_describe(const struct xmig_program *program, uint64_t address,
                                  char *buffer, size_t size)
{
	const struct xmig_function_symbol *function =
	        xmig_elf_function_at(&program->binary.file, address);
	if (function)
		snprintf(buffer, size, "%s+%#llx", function->name,
		         (unsigned long long)(address - function->address));
	else
		snprintf(buffer, size, "%#llx", (unsigned long long)address);
	return buffer;
}

uint64_t xmig_program_translate_pointer(const struct xmig_program *source,
                                        const struct xmig_program *destination, uint64_t value)
{
	for (size_t i = 0; i < 3; i++)
		if (value != 0 && value == source->standard_files[i] &&
		    destination->standard_files[i] != 0)
			return destination->standard_files[i];
	return value;
}
