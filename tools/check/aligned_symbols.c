#include "aligned_symbols.h"

#include "xmig/layout.h"
#include "xmig/section_names.h"

#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Errors beyond this many are counted, not listed. */
#define LISTED_ERRORS 20

struct symbol {
	const char *name;
	uint64_t address;
	uint64_t size;
	int is_data;
};

static Elf_Scn *find_section(Elf *elf, Elf64_Word type, const char *name, GElf_Shdr *header)
{
	size_t names_index;
	if (elf_getshdrstrndx(elf, &names_index) != 0)
		return NULL;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		if (!gelf_getshdr(scn, header) || header->sh_type != type)
			continue;
		const char *section_name = elf_strptr(elf, names_index, header->sh_name);
		if (!name || (section_name && strcmp(section_name, name) == 0))
			return scn;
	}
	return NULL;
}

/* Defined, named symbols: functions, data, and the script's labels. aarch64's
 * mapping symbols ($x, $d) mark code and data within a function and say
 * nothing about placement. */
static int read_symbols(struct xmig_elf_file *file, struct symbol **symbols, size_t *count)
{
	Elf *elf = file->elf;
	GElf_Shdr header;
	Elf_Scn *scn = find_section(elf, SHT_SYMTAB, NULL, &header);
	*symbols = NULL;
	*count = 0;
	if (!scn || header.sh_entsize == 0) {
		fprintf(stderr, "xmig-check: %s has no symbol table (stripped?)\n", file->path);
		return -1;
	}
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t total = header.sh_size / header.sh_entsize;
	*symbols = calloc(total ? total : 1, sizeof **symbols);
	if (!data || !*symbols) {
		fprintf(stderr, "xmig-check: cannot read the symbols of %s\n", file->path);
		free(*symbols);
		return -1;
	}
	for (size_t i = 0; i < total; i++) {
		GElf_Sym symbol;
		if (!gelf_getsym(data, (int)i, &symbol) || symbol.st_shndx == SHN_UNDEF)
			continue;
		int type = GELF_ST_TYPE(symbol.st_info);
		if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
			continue;
		const char *name = elf_strptr(elf, header.sh_link, symbol.st_name);
		if (!name || name[0] == '\0' || name[0] == '$')
			continue;
		(*symbols)[(*count)++] =
		        (struct symbol){name, symbol.st_value, symbol.st_size, type == STT_OBJECT};
	}
	return 0;
}

static int symbol_value(const struct symbol *symbols, size_t count, const char *name,
                        uint64_t *value)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(symbols[i].name, name) == 0) {
			*value = symbols[i].address;
			return 0;
		}
	return -1;
}

int xmig_read_aligned_ranges(struct xmig_elf_file *file, struct xmig_aligned_ranges *ranges)
{
	struct symbol *symbols;
	size_t count;
	if (read_symbols(file, &symbols, &count) != 0)
		return -1;
	const struct {
		const char *name;
		uint64_t *value;
	} wanted[] = {
	        {XMIG_TEXT_START_SYMBOL, &ranges->text_start},
	        {XMIG_TEXT_END_SYMBOL, &ranges->text_end},
	        {XMIG_RODATA_START_SYMBOL, &ranges->rodata_start},
	        {XMIG_RODATA_END_SYMBOL, &ranges->rodata_end},
	        {"__xmig_unpaired_table", &ranges->unpaired_start},
	        {"__xmig_unpaired_table_end", &ranges->unpaired_end},
	        {XMIG_DATA_START_SYMBOL, &ranges->data_start},
	        {XMIG_DATA_END_SYMBOL, &ranges->data_end},
	};
	int status = 0;
	/* Optional: only a script made with both C libraries places them. */
	ranges->streams_start = ranges->streams_end = ranges->aligned_stdout = 0;
	if (symbol_value(symbols, count, "__xmig_streams_start", &ranges->streams_start) == 0 &&
	    (symbol_value(symbols, count, "__xmig_streams_end", &ranges->streams_end) != 0 ||
	     symbol_value(symbols, count, "__xmig_aligned_stdout", &ranges->aligned_stdout) != 0)) {
		fprintf(stderr, "xmig-check: %s: the standard streams' range is incomplete\n",
		        file->path);
		status = -1;
	}
	for (size_t i = 0; i < sizeof wanted / sizeof wanted[0] && status == 0; i++)
		if (symbol_value(symbols, count, wanted[i].name, wanted[i].value) != 0) {
			fprintf(stderr,
			        "xmig-check: %s has no %s: it was not linked with a script from "
			        "xmig-align (build it with xmig-cc or xmig_add_executable)\n",
			        file->path, wanted[i].name);
			status = -1;
		}
	free(symbols);
	return status;
}

static int by_name_then_address(const void *left, const void *right)
{
	const struct symbol *a = left, *b = right;
	int order = strcmp(a->name, b->name);
	if (order != 0)
		return order;
	return a->address < b->address ? -1 : a->address > b->address;
}

/* The standard streams lie between the ranges, and only stdout shares an
 * address (check_stdout). */
static int in_aligned(const struct xmig_aligned_ranges *ranges, uint64_t address)
{
	if (address >= ranges->streams_start && address < ranges->streams_end)
		return 0;
	return address >= ranges->text_start && address < ranges->data_end;
}

/* Keeps the symbols inside the aligned ranges, sorted. */
static size_t keep_aligned(struct symbol *symbols, size_t count,
                           const struct xmig_aligned_ranges *ranges)
{
	size_t kept = 0;
	for (size_t i = 0; i < count; i++)
		if (in_aligned(ranges, symbols[i].address))
			symbols[kept++] = symbols[i];
	qsort(symbols, kept, sizeof *symbols, by_name_then_address);
	return kept;
}

struct tally {
	FILE *report;
	long errors;
};

static void error_line(struct tally *tally, const char *format, ...)
        __attribute__((format(printf, 2, 3)));

static void error_line(struct tally *tally, const char *format, ...)
{
	if (++tally->errors > LISTED_ERRORS)
		return;
	va_list arguments;
	va_start(arguments, format);
	fputs("xmig-check: error: ", tally->report);
	vfprintf(tally->report, format, arguments);
	fputc('\n', tally->report);
	va_end(arguments);
}

static void compare_symbols(struct xmig_elf_file *files[2], struct symbol *symbols[2],
                            size_t counts[2], struct tally *tally, unsigned long *matched)
{
	size_t i = 0, j = 0;
	while (i < counts[0] || j < counts[1]) {
		const struct symbol *a = i < counts[0] ? &symbols[0][i] : NULL;
		const struct symbol *b = j < counts[1] ? &symbols[1][j] : NULL;
		int order = !a ? 1 : !b ? -1 : by_name_then_address(a, b);
		if (order == 0) {
			if (a->is_data && b->is_data && a->size != b->size)
				fprintf(tally->report,
				        "xmig-check: warning: %s is %" PRIu64
				        " bytes in %s and %" PRIu64
				        " in %s: its bytes do not mean the same on both ISAs\n",
				        a->name, a->size, files[0]->isa->name, b->size,
				        files[1]->isa->name);
			(*matched)++;
			i++;
			j++;
			continue;
		}
		const struct symbol *lone = order < 0 ? a : b;
		int side = order < 0 ? 0 : 1;
		error_line(tally,
		           "%s is at %#" PRIx64
		           " in the %s binary (%s), and not there in the %s binary",
		           lone->name, lone->address, files[side]->isa->name, files[side]->path,
		           files[1 - side]->isa->name);
		if (order < 0)
			i++;
		else
			j++;
	}
}

/* Nothing but the aligned output sections may lie in the aligned ranges. */
static void check_overlaps(struct xmig_elf_file *file, const struct xmig_aligned_ranges *ranges,
                           struct tally *tally)
{
	Elf *elf = file->elf;
	size_t names_index;
	if (elf_getshdrstrndx(elf, &names_index) != 0)
		return;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr header;
		if (!gelf_getshdr(scn, &header) || !(header.sh_flags & SHF_ALLOC) ||
		    header.sh_size == 0 || (header.sh_flags & SHF_TLS))
			continue;
		const char *name = elf_strptr(elf, names_index, header.sh_name);
		if (name && strncmp(name, ".xmig.", 6) == 0)
			continue;
		uint64_t end = header.sh_addr + header.sh_size;
		if (header.sh_addr < ranges->data_end && end > ranges->text_start)
			error_line(tally,
			           "%s: section %s [%#" PRIx64 ", %#" PRIx64
			           ") overlaps the aligned ranges [%#" PRIx64 ", %#" PRIx64 ")",
			           file->path, name ? name : "?", header.sh_addr, end,
			           ranges->text_start, ranges->data_end);
	}
}

/* Each binary's stdout where its script says; the runtime then lets a
 * pointer to it in migrated memory move (runtime/standard_files.c). */
static void check_stdout(struct xmig_elf_file *files[2], const struct xmig_aligned_ranges ranges[2],
                         struct tally *tally)
{
	if (ranges[0].aligned_stdout == 0 && ranges[1].aligned_stdout == 0)
		return;
	for (int side = 0; side < 2; side++) {
		uint64_t address = 0;
		if (xmig_elf_symbol(files[side], "_IO_2_1_stdout_", &address) != 1 ||
		    address != ranges[side].aligned_stdout)
			error_line(tally,
			           "%s: stdout is at %#" PRIx64 ", not at %#" PRIx64
			           " where the script places it (is its C library not libc.a?)",
			           files[side]->path, address, ranges[side].aligned_stdout);
	}
}

long xmig_check_alignment(struct xmig_elf_file *files[2],
                          const struct xmig_aligned_ranges ranges[2], FILE *report,
                          unsigned long *aligned_symbols)
{
	struct tally tally = {report, 0};
	if (memcmp(&ranges[0], &ranges[1], sizeof ranges[0]) != 0)
		error_line(&tally,
		           "the aligned ranges differ: %s has [%#" PRIx64 ", %#" PRIx64
		           "), %s has [%#" PRIx64 ", %#" PRIx64
		           "); were the binaries linked with scripts from one xmig-align run?",
		           files[0]->path, ranges[0].text_start, ranges[0].data_end, files[1]->path,
		           ranges[1].text_start, ranges[1].data_end);
	for (int side = 0; side < 2; side++)
		if (ranges[side].data_end > XMIG_ALIGNED_LIMIT)
			error_line(&tally, "%s: the aligned ranges end at %#" PRIx64 ", above %#lx",
			           files[side]->path, ranges[side].data_end, XMIG_ALIGNED_LIMIT);

	struct symbol *symbols[2] = {NULL, NULL};
	size_t counts[2];
	for (int side = 0; side < 2; side++) {
		if (read_symbols(files[side], &symbols[side], &counts[side]) != 0) {
			free(symbols[0]);
			return -1;
		}
		counts[side] = keep_aligned(symbols[side], counts[side], &ranges[side]);
	}
	*aligned_symbols = 0;
	compare_symbols(files, symbols, counts, &tally, aligned_symbols);
	for (int side = 0; side < 2; side++)
		check_overlaps(files[side], &ranges[side], &tally);
	check_stdout(files, ranges, &tally);
	if (tally.errors > LISTED_ERRORS)
		fprintf(report, "xmig-check: ... and %ld more errors\n",
		        tally.errors - LISTED_ERRORS);
	free(symbols[0]);
	free(symbols[1]);
	return tally.errors;
}
