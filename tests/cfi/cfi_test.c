/* The CFI reader on what the transformer will ask of it, and on damage.
 *
 *   cfi_test frames BINARY...      at every xmig site's call (return address
 *                                  - 1), the frame record is where the ISA's
 *                                  frame-pointer prologue put it; rows tile
 *                                  every FDE and hold at every pc inside them;
 *                                  a pc outside every FDE is refused by name
 *   cfi_test damage BINARY SCRATCH copies of BINARY with a damaged .eh_frame
 *                                  are refused with a message, never read out
 *                                  of bounds (this test runs under ASan)
 */
#include "../unit/check.h"
#include "../unit/whole_file.h"
#include "xmig/binary_sites.h"
#include "xmig/cfi.h"
#include "xmig/elf_file.h"

#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_aarch64(const struct xmig_elf_file *file)
{
	return strcmp(file->isa->name, "aarch64") == 0;
}

/* x86_64: push rbp; mov rbp, rsp: CFA = rbp + 16, rbp at CFA-16, the return
 * address at CFA-8. aarch64: the frame record (x29, x30) is stored, then x29
 * pointed at it: CFA = x29 + N, with x29 at CFA-N and x30 just above it. */
static int has_frame_record(const struct xmig_elf_file *file, const struct xmig_cfi_row *row)
{
	const struct xmig_cfi_rule *rules = row->rules;
	if (!is_aarch64(file))
		return row->return_address_register == 16 && row->cfa_register == 6 &&
		       row->cfa_offset == 16 && rules[6].kind == XMIG_CFI_OFFSET &&
		       rules[6].offset == -16 && rules[16].kind == XMIG_CFI_OFFSET &&
		       rules[16].offset == -8;
	return row->return_address_register == 30 && row->cfa_register == 29 &&
	       row->cfa_offset > 0 && rules[29].kind == XMIG_CFI_OFFSET &&
	       rules[29].offset == -row->cfa_offset && rules[30].kind == XMIG_CFI_OFFSET &&
	       rules[30].offset == -row->cfa_offset + 8;
}

static size_t check_sites(const char *path)
{
	struct xmig_binary_sites loaded;
	struct xmig_error error = {{0}};
	if (xmig_binary_sites_load(path, 0, &loaded, &error) != 0) {
		fprintf(stderr, "%s\n", error.message);
		CHECK(0);
	}
	struct xmig_cfi *cfi;
	CHECK(xmig_cfi_open(&loaded.file, &cfi, &error) == 0);
	CHECK(loaded.sites.count > 0);
	for (size_t i = 0; i < loaded.sites.count; i++) {
		uint64_t pc = loaded.sites.sites[i].return_address - 1;
		struct xmig_cfi_row row;
		if (xmig_cfi_row_at(cfi, pc, &row, &error) != 0) {
			fprintf(stderr, "%s\n", error.message);
			CHECK(0);
		}
		CHECK(row.pc_low <= pc && pc < row.pc_high);
		CHECK(row.function_low <= row.pc_low && row.pc_high <= row.function_high);
		if (!has_frame_record(&loaded.file, &row)) {
			uint64_t offset = 0;
			const char *function = xmig_site_function_name(
			        &loaded.file, &loaded.sites.sites[i], &offset);
			fprintf(stderr, "%s: site in %s+%#" PRIx64 ": CFA = reg%u%+" PRId64 "\n",
			        path, function ? function : "?", offset, row.cfa_register,
			        row.cfa_offset);
			CHECK(0);
		}
	}
	xmig_cfi_close(cfi);
	size_t count = loaded.sites.count;
	xmig_binary_sites_free(&loaded);
	return count;
}

static int same_row(const struct xmig_cfi_row *a, const struct xmig_cfi_row *b)
{
	if (a->pc_low != b->pc_low || a->pc_high != b->pc_high ||
	    a->function_low != b->function_low || a->function_high != b->function_high ||
	    a->cfa_register != b->cfa_register || a->cfa_offset != b->cfa_offset ||
	    a->return_address_register != b->return_address_register)
		return 0;
	for (unsigned i = 0; i < XMIG_CFI_MAX_REGISTERS; i++)
		if (a->rules[i].kind != b->rules[i].kind ||
		    a->rules[i].offset != b->rules[i].offset || a->rules[i].reg != b->rules[i].reg)
			return 0;
	return 1;
}

static void check_rows_tile_fdes(const char *path)
{
	struct xmig_elf_file file;
	struct xmig_cfi *cfi;
	struct xmig_error error = {{0}};
	CHECK(xmig_elf_open(path, &file, &error) == 0);
	CHECK(xmig_cfi_open(&file, &cfi, &error) == 0);
	size_t rows = 0, expression_rows = 0;
	uint64_t previous_end = 0;
	for (size_t i = 0; i < xmig_cfi_fde_count(cfi); i++) {
		struct xmig_cfi_range range = xmig_cfi_fde_range(cfi, i);
		CHECK(range.low >= previous_end && range.low <= range.high);
		previous_end = range.high;
		for (uint64_t pc = range.low; pc < range.high; rows++) {
			struct xmig_cfi_row first, middle, last;
			int result = xmig_cfi_row_at(cfi, pc, &first, &error);
			/* Of the real binaries' rows, only one whose CFA is an
			 * expression is refused. */
			if (result != 0 && !strstr(error.message, "DWARF expression")) {
				fprintf(stderr, "%s\n", error.message);
				CHECK(0);
			}
			CHECK(first.pc_low == pc && first.pc_high > pc &&
			      first.pc_high <= range.high);
			CHECK(first.function_low == range.low && first.function_high == range.high);
			if (result != 0) {
				expression_rows++;
				pc = first.pc_high;
				continue;
			}
			uint64_t end = first.pc_high;
			CHECK(xmig_cfi_row_at(cfi, pc + (end - pc) / 2, &middle, &error) == 0);
			CHECK(xmig_cfi_row_at(cfi, end - 1, &last, &error) == 0);
			CHECK(same_row(&first, &middle) && same_row(&first, &last));
			pc = end;
		}
	}
	CHECK(rows > xmig_cfi_fde_count(cfi));
	printf("%s: %zu FDEs, %zu rows (%zu with an expression CFA)\n", path,
	       xmig_cfi_fde_count(cfi), rows, expression_rows);

	/* Below the first FDE and past the last one. */
	struct xmig_cfi_row row;
	uint64_t outside[] = {0, xmig_cfi_fde_range(cfi, 0).low - 1, previous_end, UINT64_MAX};
	for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
		memset(&error, 0, sizeof error);
		CHECK(xmig_cfi_row_at(cfi, outside[i], &row, &error) != 0);
		CHECK(strstr(error.message, "no FDE covers pc 0x") != NULL);
		CHECK(strstr(error.message, path) != NULL);
	}
	xmig_cfi_close(cfi);
	xmig_elf_close(&file);
}

static int frames(int count, char **paths)
{
	for (int i = 0; i < count; i++) {
		size_t sites = check_sites(paths[i]);
		printf("%s: the frame record at all %zu sites\n", paths[i], sites);
		check_rows_tile_fdes(paths[i]);
	}
	return 0;
}

struct eh_frame_place {
	size_t offset, size;
	size_t name_field;     /* file offset of its section header's sh_name */
	uint32_t another_name; /* an sh_name that is not ".eh_frame" */
};

static struct eh_frame_place find_eh_frame(const char *path)
{
	struct xmig_elf_file file;
	struct xmig_error error = {{0}};
	CHECK(xmig_elf_open(path, &file, &error) == 0);
	GElf_Ehdr elf;
	size_t names;
	CHECK(gelf_getehdr(file.elf, &elf) != NULL && elf_getshdrstrndx(file.elf, &names) == 0);
	struct eh_frame_place place = {0};
	Elf_Scn *section = NULL;
	while ((section = elf_nextscn(file.elf, section)) != NULL) {
		GElf_Shdr header;
		CHECK(gelf_getshdr(section, &header) != NULL);
		const char *name = elf_strptr(file.elf, names, header.sh_name);
		if (name && strcmp(name, ".eh_frame") == 0) {
			place.offset = header.sh_offset;
			place.size = header.sh_size;
			place.name_field = elf.e_shoff + elf_ndxscn(section) * elf.e_shentsize;
		} else if (name && strcmp(name, ".text") == 0) {
			place.another_name = header.sh_name;
		}
	}
	CHECK(place.size > 64 && place.another_name != 0);
	xmig_elf_close(&file);
	return place;
}

/* Opens the damaged copy and reads every row it claims to have: 1 when
 * something was refused (always with a message), 0 when all of it read. */
static int read_damaged(const char *path)
{
	struct xmig_elf_file file;
	struct xmig_cfi *cfi;
	struct xmig_error error = {{0}};
	CHECK(xmig_elf_open(path, &file, &error) == 0);
	if (xmig_cfi_open(&file, &cfi, &error) != 0) {
		CHECK(error.message[0] != '\0');
		xmig_elf_close(&file);
		return 1;
	}
	int refused = 0;
	for (size_t i = 0; i < xmig_cfi_fde_count(cfi); i++) {
		struct xmig_cfi_range range = xmig_cfi_fde_range(cfi, i);
		/* Damage can make an FDE claim most of the address space. */
		uint64_t limit = range.high - range.low > 65536 ? range.low + 65536 : range.high;
		for (uint64_t pc = range.low; pc < limit;) {
			struct xmig_cfi_row row;
			memset(&error, 0, sizeof error);
			if (xmig_cfi_row_at(cfi, pc, &row, &error) != 0) {
				CHECK(error.message[0] != '\0');
				refused = 1;
				break;
			}
			CHECK(row.pc_low <= pc && pc < row.pc_high);
			CHECK(row.cfa_register < XMIG_CFI_MAX_REGISTERS);
			CHECK(row.return_address_register < XMIG_CFI_MAX_REGISTERS);
			pc = row.pc_high;
		}
	}
	xmig_cfi_close(cfi);
	xmig_elf_close(&file);
	return refused;
}

static void write_whole(const char *path, const uint8_t *data, size_t size)
{
	FILE *stream = fopen(path, "wb");
	CHECK(stream != NULL);
	CHECK(fwrite(data, 1, size, stream) == size);
	CHECK(fclose(stream) == 0);
}

static void put32(uint8_t *at, uint32_t value)
{
	memcpy(at, &value, sizeof value); /* both ISAs' binaries are little-endian */
}

static int damage(const char *path, const char *scratch)
{
	size_t size;
	uint8_t *original = read_whole_file(path, &size);
	struct eh_frame_place place = find_eh_frame(path);
	size_t length = place.size;
	CHECK(place.offset + length <= size && place.name_field + 4 <= size);
	uint8_t *copy = malloc(size);
	CHECK(copy != NULL);
	uint8_t *eh_frame = copy + place.offset;
	struct xmig_elf_file file;
	struct xmig_cfi *cfi;
	struct xmig_error error = {{0}};

	/* Each of these must be refused: no section named .eh_frame, a section
	 * of zeros (a terminator, then nothing), a first CIE longer than the
	 * section, and a first CIE with an unknown version. */
	memcpy(copy, original, size);
	put32(copy + place.name_field, place.another_name);
	write_whole(scratch, copy, size);
	CHECK(xmig_elf_open(scratch, &file, &error) == 0);
	CHECK(xmig_cfi_open(&file, &cfi, &error) != 0);
	CHECK(strstr(error.message, "no .eh_frame section") != NULL);
	xmig_elf_close(&file);

	memcpy(copy, original, size);
	memset(eh_frame, 0, length);
	write_whole(scratch, copy, size);
	CHECK(read_damaged(scratch) == 1);

	memcpy(copy, original, size);
	put32(eh_frame, 0x7ffffff0u);
	write_whole(scratch, copy, size);
	CHECK(read_damaged(scratch) == 1);

	memcpy(copy, original, size);
	eh_frame[8] = 0x7f;
	write_whole(scratch, copy, size);
	CHECK(read_damaged(scratch) == 1);

	/* Scattered damage: anything may be refused, nothing may crash. */
	uint64_t state = 0x9e3779b97f4a7c15u;
	size_t refused = 0, trials = 300;
	for (size_t trial = 0; trial < trials; trial++) {
		memcpy(copy, original, size);
		for (int flip = 0; flip < 4; flip++) {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			eh_frame[state % length] ^= (uint8_t)(1u << (state >> 61));
		}
		write_whole(scratch, copy, size);
		refused += (size_t)read_damaged(scratch);
	}
	printf("%s: %zu of %zu damaged copies refused, none crashed\n", path, refused, trials);
	CHECK(refused > 0);
	remove(scratch);
	free(copy);
	free(original);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "frames") == 0)
		return frames(argc - 2, argv + 2);
	if (argc == 4 && strcmp(argv[1], "damage") == 0)
		return damage(argv[2], argv[3]);
	fprintf(stderr, "usage: cfi_test frames BINARY... | cfi_test damage BINARY SCRATCH\n");
	return 2;
}
