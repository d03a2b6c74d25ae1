/* Fills the template's @PLACEHOLDERS@: addresses as hexadecimal literals, and
 * per range one line per input section pinning it to its address. */
#include "script.h"

#include "xmig/unpaired_table.h"

#include <inttypes.h>
#include <string.h>

/* Section names are quoted: lld then matches them literally, whatever
 * characters a symbol name brings. */
static void write_sections(FILE *out, const struct xmig_layout *layout, enum xmig_section_kind kind)
{
	for (size_t i = 0; i < layout->count; i++) {
		const struct xmig_placement *placement = &layout->placements[i];
		if (placement->kind == kind)
			fprintf(out, "\t\t. = %#" PRIx64 "; KEEP(*(\"%s\"))\n", placement->address,
			        placement->name);
	}
}

/* The C library's stdfiles.o, whichever directory its libc.a is in. */
static void write_streams(FILE *out, const struct xmig_layout *layout, unsigned isa_index)
{
	if (!layout->has_streams)
		return;
	fprintf(out,
	        "\t/* The C library's standard FILE objects, placed so that stdout is at\n"
	        "\t * %#" PRIx64 " in both binaries. Not migrated: each ISA's C library\n"
	        "\t * owns its own. */\n"
	        "\t.xmig.streams %#" PRIx64 " : {\n"
	        "\t\tKEEP(*libc.a:" XMIG_STANDARD_STREAMS_MEMBER "(\"%s\"))\n"
	        "\t}\n"
	        "\t__xmig_streams_start = %#" PRIx64 ";\n"
	        "\t__xmig_streams_end = %#" PRIx64 ";\n"
	        "\t__xmig_aligned_stdout = %#" PRIx64 ";\n",
	        layout->stdout_address, layout->streams_address[isa_index],
	        layout->streams[isa_index].section, layout->streams_start, layout->streams_end,
	        layout->stdout_address);
}

static uint64_t magic_as_quad(void)
{
	uint64_t quad = 0;
	for (int i = 7; i >= 0; i--)
		quad = quad << 8 | (unsigned char)XMIG_UNPAIRED_MAGIC[i];
	return quad;
}

static int write_placeholder(FILE *out, const char *name, size_t length, unsigned isa_index,
                             const char *isa, const struct xmig_layout *layout)
{
#define IS(literal) (length == sizeof(literal) - 1 && memcmp(name, literal, length) == 0)
	uint64_t value;
	if (IS("ISA")) {
		fputs(isa, out);
		return 0;
	} else if (IS("STACKMAP_SYMBOLS")) {
		/* ADDR() of a section the link lacks is an error, and a program
		 * without a single site has no stack maps; the runtime's references
		 * are weak. */
		if (layout->site_counts[isa_index] > 0)
			fputs("__xmig_stackmaps_start = ADDR(.llvm_stackmaps);\n"
			      "__xmig_stackmaps_end = ADDR(.llvm_stackmaps) + "
			      "SIZEOF(.llvm_stackmaps);",
			      out);
		return 0;
	} else if (IS("TEXT_SECTIONS")) {
		write_sections(out, layout, XMIG_KIND_TEXT);
		return 0;
	} else if (IS("RODATA_SECTIONS")) {
		write_sections(out, layout, XMIG_KIND_RODATA);
		return 0;
	} else if (IS("STREAMS_SECTION")) {
		write_streams(out, layout, isa_index);
		return 0;
	} else if (IS("DATA_SECTIONS")) {
		write_sections(out, layout, XMIG_KIND_DATA);
		return 0;
	} else if (IS("BSS_SECTIONS")) {
		write_sections(out, layout, XMIG_KIND_BSS);
		return 0;
	} else if (IS("TEXT_START")) {
		value = layout->start[XMIG_KIND_TEXT];
	} else if (IS("TEXT_END")) {
		value = layout->end[XMIG_KIND_TEXT];
	} else if (IS("RODATA_START")) {
		value = layout->start[XMIG_KIND_RODATA];
	} else if (IS("RODATA_END")) {
		value = layout->end[XMIG_KIND_RODATA];
	} else if (IS("DATA_START")) {
		value = layout->start[XMIG_KIND_DATA];
	} else if (IS("DATA_END")) {
		value = layout->end[XMIG_KIND_DATA];
	} else if (IS("BSS_START")) {
		value = layout->start[XMIG_KIND_BSS];
	} else if (IS("BSS_END")) {
		value = layout->end_of_aligned;
	} else if (IS("UNPAIRED_START")) {
		value = layout->unpaired_address;
	} else if (IS("UNPAIRED_END")) {
		value = layout->unpaired_address + sizeof(struct xmig_unpaired_table) +
		        8 * layout->unpaired_capacity;
	} else if (IS("UNPAIRED_CAPACITY")) {
		value = layout->unpaired_capacity;
	} else if (IS("UNPAIRED_MAGIC")) {
		value = magic_as_quad();
	} else if (IS("UNPAIRED_VERSION")) {
		value = XMIG_UNPAIRED_VERSION;
	} else {
		return -1;
	}
#undef IS
	fprintf(out, "%#" PRIx64, value);
	return 0;
}

int xmig_write_script(FILE *out, unsigned isa_index, const char *isa,
                      const struct xmig_layout *layout)
{
	const char *text = xmig_script_template;
	for (;;) {
		const char *open = strchr(text, '@');
		if (!open) {
			fputs(text, out);
			break;
		}
		const char *close = strchr(open + 1, '@');
		if (!close)
			return -1; /* the template is compiled in: a build error */
		fwrite(text, 1, (size_t)(open - text), out);
		if (write_placeholder(out, open + 1, (size_t)(close - open - 1), isa_index, isa,
		                      layout) != 0)
			return -1;
		text = close + 1;
	}
	return ferror(out) ? -1 : 0;
}
