#define _GNU_SOURCE
#include "xmig/binary_sites.h"

#include "xmig/section_names.h"

#include <string.h>

/* The plugin's mark in .comment (llvm-pass/Sections.cpp). */
static int carries_mark(struct xmig_elf_file *file)
{
	const uint8_t *comment;
	size_t size;
	struct xmig_error ignored;
	if (xmig_elf_section(file, ".comment", &comment, &size, &ignored) <= 0)
		return 0;
	static const char mark[] = XMIG_INSTRUMENTED_MARK;
	return memmem(comment, size, mark, sizeof mark - 1) != NULL;
}

int xmig_binary_sites_load(const char *path, int only_stackmap, struct xmig_binary_sites *loaded,
                           struct xmig_error *error)
{
	memset(loaded, 0, sizeof *loaded);
	loaded->file.descriptor = -1;
	if (xmig_elf_open(path, &loaded->file, error) != 0)
		return -1;
	const uint8_t *section;
	size_t size;
	int found = xmig_elf_section(&loaded->file, ".llvm_stackmaps", &section, &size, error);
	/* An object compiled with the plugin in which no function has a site
	 * (leaves only). A linked program always has sites: __xmig_main has an
	 * entry point. */
	if (found == 0 && !loaded->file.linked && carries_mark(&loaded->file))
		return 0;
	if (found == 0)
		xmig_fail(error,
		          "%s: no .llvm_stackmaps section; was it compiled with migpoint.so?",
		          path);
	else if (found > 0 &&
	         xmig_stackmap_parse(section, size, path, &loaded->stackmap, error) == 0 &&
	         (only_stackmap ||
	          xmig_sites_decode(&loaded->stackmap, path, &loaded->sites, error) == 0))
		return 0;
	xmig_binary_sites_free(loaded);
	return -1;
}

void xmig_binary_sites_free(struct xmig_binary_sites *loaded)
{
	xmig_sites_free(&loaded->sites);
	xmig_stackmap_free(&loaded->stackmap);
	xmig_elf_close(&loaded->file);
}

const char *xmig_site_function_name(struct xmig_elf_file *file, const struct xmig_site *site,
                                    uint64_t *offset)
{
	if (file->linked) {
		const struct xmig_function_symbol *function =
		        xmig_elf_function_at(file, site->return_address);
		if (!function)
			return NULL;
		*offset = site->return_address - function->address;
		return function->name;
	}
	const char *name = xmig_elf_relocation_symbol(file, ".llvm_stackmaps",
	                                              site->record->function->address_offset);
	static const char section_prefix[] = XMIG_TEXT_SECTION_PREFIX;
	if (name && strncmp(name, section_prefix, sizeof section_prefix - 1) == 0)
		name += sizeof section_prefix - 1;
	*offset = site->record->instruction_offset;
	return name;
}

const char *xmig_source_frame_function(struct xmig_binary_sites *binary,
                                       const struct xmig_source_frame *frame)
{
	uint64_t offset;
	if (frame->depth == 0)
		return xmig_site_function_name(&binary->file, frame->site, &offset);
	for (size_t i = 0; i < binary->sites.frame_count; i++) {
		const struct xmig_source_frame *own = &binary->sites.all_frames[i];
		if (own->depth == 0 && own->frame_signature == frame->frame_signature)
			return xmig_site_function_name(&binary->file, own->site, &offset);
	}
	return NULL;
}
