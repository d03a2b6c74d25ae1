#define _GNU_SOURCE
#include "image_writer.h"

#include "checksum.h"
#include "untouched_pages.h"
#include "xmig/core_registers.h"
#include "xmig/image_layout.h"

#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096u

/* A run of one migrated range: all-zero runs have no bytes in the file. */
struct run {
	uint64_t start, size;
	int has_bytes;
};

struct scratch {
	void *base;
	size_t size;
};

static void *scratch_get(struct scratch *scratch, size_t size)
{
	scratch->size = (size + PAGE - 1) / PAGE * PAGE;
	scratch->base = mmap(NULL, scratch->size, PROT_READ | PROT_WRITE,
	                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return scratch->base == MAP_FAILED ? NULL : scratch->base;
}

static void scratch_put(struct scratch *scratch)
{
	if (scratch->base && scratch->base != MAP_FAILED)
		munmap(scratch->base, scratch->size);
}

static int all_zero(const uint8_t *bytes, size_t size)
{
	const uint64_t *words = (const uint64_t *)bytes;
	size_t count = size / 8;
	for (size_t i = 0; i < count; i++)
		if (words[i])
			return 0;
	for (size_t i = count * 8; i < size; i++)
		if (bytes[i])
			return 0;
	return 1;
}

/* Splits [start, end) at page boundaries into maximal zero and non-zero runs. */
static size_t split_range(uint64_t start, uint64_t end, struct run *runs,
                          struct xmig_untouched_pages *untouched)
{
	size_t count = 0;
	for (uint64_t at = start; at < end;) {
		uint64_t next = (at / PAGE + 1) * PAGE;
		if (next > end)
			next = end;
		/* Word reads need 8-byte alignment; ranges start 8-aligned. */
		int has_bytes = !xmig_page_untouched(untouched, at) &&
		                !all_zero((const uint8_t *)(uintptr_t)at, (size_t)(next - at));
		if (count > 0 && runs[count - 1].has_bytes == has_bytes &&
		    runs[count - 1].start + runs[count - 1].size == at)
			runs[count - 1].size += next - at;
		else
			runs[count++] = (struct run){at, next - at, has_bytes};
		at = next;
	}
	return count;
}

static int write_all(int descriptor, const void *data, size_t size, struct xmig_checksum *sum)
{
	const uint8_t *bytes = data;
	/* Hash just ahead of writing, a piece at a time, while it is in cache. */
	while (size > 0) {
		size_t piece = size < (1u << 20) ? size : (1u << 20);
		xmig_checksum_update(sum, bytes, piece);
		size_t done = 0;
		while (done < piece) {
			ssize_t n = write(descriptor, bytes + done, piece - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				if (n == 0)
					errno = EIO;
				return -1;
			}
			done += (size_t)n;
		}
		bytes += piece;
		size -= piece;
	}
	return 0;
}

int xmig_image_write(int descriptor, const struct xmig_image_contents *contents, uint64_t *written,
                     const char **error)
{
	const struct xmig_core_layout *layout =
	        xmig_core_layout_for_machine((uint16_t)contents->state.elf_machine);
	struct scratch run_space = {0}, header_space = {0};
	int status = -1;
	*written = 0;
	if (!layout) {
		*error = "no core layout for this ISA";
		return -1;
	}

	/* Runs: at most one per page of each range, plus one per range edge. */
	uint64_t pages = 0;
	for (int r = 0; r < 4; r++) {
		const uint64_t *range = contents->state.ranges[r];
		if (range[1] > range[0])
			pages += (range[1] - range[0]) / PAGE + 2;
	}
	struct run *runs = scratch_get(&run_space, (size_t)(pages ? pages : 1) * sizeof *runs);
	if (!runs) {
		*error = "no memory to plan the image";
		goto out;
	}
	size_t run_count = 0;
	struct xmig_untouched_pages untouched;
	xmig_untouched_pages_open(&untouched);
	for (int r = 0; r < 4; r++) {
		const uint64_t *range = contents->state.ranges[r];
		run_count += split_range(range[0], range[1], runs + run_count, &untouched);
	}
	xmig_untouched_pages_close(&untouched);

	size_t path_size = strlen(contents->binary_path) + 1;
	size_t cwd_size = strlen(contents->cwd) + 1;
	size_t binary_size = sizeof(struct xmig_image_binary) + contents->build_id_size + path_size;
	size_t signals_size = XMIG_IMAGE_SIGNALS * sizeof(struct xmig_image_signal);
	size_t notes_size = xmig_image_note_size(5, layout->prstatus_size) +
	                    xmig_image_note_size(5, layout->fpregset_size) +
	                    xmig_image_note_size(5, sizeof(struct xmig_image_state)) +
	                    xmig_image_note_size(5, binary_size) +
	                    xmig_image_note_size(5, cwd_size) +
	                    xmig_image_note_size(5, contents->files_size) +
	                    xmig_image_note_size(5, signals_size);
	size_t checksum_note_size = xmig_image_note_size(5, sizeof(uint64_t));
	size_t segment_count = 2 + run_count;
	size_t notes_offset = sizeof(Elf64_Ehdr) + segment_count * sizeof(Elf64_Phdr);
	size_t data_offset = (notes_offset + notes_size + PAGE - 1) / PAGE * PAGE;
	uint8_t *header = scratch_get(&header_space, data_offset);
	if (!header) {
		*error = "no memory for the image's headers";
		goto out;
	}

	xmig_image_core_header(header, layout->elf_machine, segment_count);
	if (segment_count >= PN_XNUM) {
		*error = "the image would have too many segments";
		goto out;
	}

	Elf64_Phdr *segments = (Elf64_Phdr *)(header + sizeof(Elf64_Ehdr));
	uint64_t offset = data_offset;
	for (size_t i = 0; i < run_count; i++) {
		Elf64_Phdr *load = &segments[2 + i];
		load->p_type = PT_LOAD;
		load->p_flags = PF_R | PF_W;
		load->p_offset = offset;
		load->p_vaddr = runs[i].start;
		load->p_filesz = runs[i].has_bytes ? runs[i].size : 0;
		load->p_memsz = runs[i].size;
		load->p_align = PAGE;
		offset += load->p_filesz;
	}
	segments[0] = (Elf64_Phdr){
	        .p_type = PT_NOTE, .p_offset = notes_offset, .p_filesz = notes_size, .p_align = 4};
	segments[1] = (Elf64_Phdr){.p_type = PT_NOTE,
	                           .p_offset = offset,
	                           .p_filesz = checksum_note_size,
	                           .p_align = 4};

	uint8_t *cursor = header + notes_offset;
	xmig_core_write_prstatus(
	        layout, contents->registers, (int32_t)getpid(),
	        xmig_image_add_note(&cursor, "CORE", NT_PRSTATUS, layout->prstatus_size));
	xmig_core_write_fpregset(
	        layout, contents->registers,
	        xmig_image_add_note(&cursor, "CORE", NT_FPREGSET, layout->fpregset_size));
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_STATE,
	                           sizeof contents->state),
	       &contents->state, sizeof contents->state);
	uint8_t *binary = xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_BINARY,
	                                      (uint32_t)binary_size);
	struct xmig_image_binary binary_header = {contents->build_id_size, (uint32_t)path_size};
	memcpy(binary, &binary_header, sizeof binary_header);
	memcpy(binary + sizeof binary_header, contents->build_id, contents->build_id_size);
	memcpy(binary + sizeof binary_header + contents->build_id_size, contents->binary_path,
	       path_size);
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_CWD,
	                           (uint32_t)cwd_size),
	       contents->cwd, cwd_size);
	if (contents->files_size)
		memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_FILES,
		                           (uint32_t)contents->files_size),
		       contents->files, contents->files_size);
	else
		xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_FILES, 0);
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_SIGNALS,
	                           (uint32_t)signals_size),
	       contents->signals, signals_size);

	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	if (write_all(descriptor, header, data_offset, &sum) != 0)
		goto io_error;
	for (size_t i = 0; i < run_count; i++)
		if (runs[i].has_bytes &&
		    write_all(descriptor, (const void *)(uintptr_t)runs[i].start, runs[i].size,
		              &sum) != 0)
			goto io_error;
	uint8_t checksum_note[64];
	uint8_t *checksum_cursor = checksum_note;
	uint8_t *checksum_field = xmig_image_add_note(&checksum_cursor, XMIG_IMAGE_NOTE_NAME,
	                                              XMIG_NOTE_CHECKSUM, sizeof(uint64_t));
	/* The checksum counts its own bytes as zero. */
	xmig_checksum_update(&sum, checksum_note, checksum_note_size);
	uint64_t value = xmig_checksum_final(&sum);
	memcpy(checksum_field, &value, sizeof value);
	struct xmig_checksum ignored;
	xmig_checksum_init(&ignored);
	if (write_all(descriptor, checksum_note, checksum_note_size, &ignored) != 0)
		goto io_error;
	*written = offset + checksum_note_size;
	status = 0;
	goto out;
io_error:
	*error = "writing the image failed";
out:
	scratch_put(&run_space);
	scratch_put(&header_space);
	return status;
}
