#include "xmig/image_reader.h"

#include "checksum.h"
#include "xmig/core_registers.h"
#include "xmig/resume_frame.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fail(char *error, size_t error_size, const char *format, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(char *error, size_t error_size, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(error, error_size, format, arguments);
	va_end(arguments);
	return -1;
}

/* Whether [offset, offset + length) lies within `size`, without overflow. */
static int within(uint64_t offset, uint64_t length, uint64_t size)
{
	return offset <= size && length <= size - offset;
}

static uint64_t round4(uint64_t value)
{
	return (value + 3) & ~(uint64_t)3;
}

static int verify_checksum(const uint8_t *data, size_t size, const Elf64_Phdr *trailer, char *error,
                           size_t error_size)
{
	/* The trailing note: header, "XMIG\0" padded to 8, the 8-byte sum. */
	uint64_t expected_size = sizeof(Elf64_Nhdr) + 8 + 8;
	if (trailer->p_type != PT_NOTE || trailer->p_filesz != expected_size ||
	    trailer->p_offset != size - expected_size)
		return fail(error, error_size,
		            "the image does not end with its checksum note (truncated?)");
	Elf64_Nhdr header;
	memcpy(&header, data + trailer->p_offset, sizeof header);
	if (header.n_namesz != 5 || header.n_descsz != 8 || header.n_type != XMIG_NOTE_CHECKSUM ||
	    memcmp(data + trailer->p_offset + sizeof header, "XMIG", 5) != 0)
		return fail(error, error_size, "the image's checksum note is damaged");
	uint64_t field_offset = trailer->p_offset + sizeof header + 8;
	uint64_t stored;
	memcpy(&stored, data + field_offset, sizeof stored);
	static const uint8_t zero[8];
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, data, field_offset);
	xmig_checksum_update(&sum, zero, sizeof zero);
	xmig_checksum_update(&sum, data + field_offset + 8, size - field_offset - 8);
	if (xmig_checksum_final(&sum) != stored)
		return fail(error, error_size,
		            "the image's checksum does not match its contents: it is damaged");
	return 0;
}

static uint64_t padded(uint64_t size)
{
	return (size + 7) / 8 * 8;
}

/* The size of the file record at `at`, or 0 if it is malformed. */
static uint64_t file_record_size(const struct xmig_image *image, size_t at)
{
	struct xmig_image_file file;
	if (!within(at, sizeof file, image->files_size))
		return 0;
	memcpy(&file, image->files + at, sizeof file);
	uint64_t record = sizeof file + padded(file.path_size);
	if (file.path_size == 0 || !within(at, record, image->files_size) ||
	    image->files[at + sizeof file + file.path_size - 1] != '\0' || file.descriptor < 0)
		return 0;
	if (file.kind == XMIG_IMAGE_FILE_NAMED)
		return record;
	if (!XMIG_IMAGE_FILE_HAS_CONTENTS(file.kind) || !within(at + record, 8, image->files_size))
		return 0;
	uint64_t contents;
	memcpy(&contents, image->files + at + record, sizeof contents);
	if (contents > image->files_size ||
	    !within(at + record + 8, padded(contents), image->files_size))
		return 0;
	return record + 8 + padded(contents);
}

static int read_files(struct xmig_image *image, char *error, size_t error_size)
{
	size_t at = 0;
	while (at < image->files_size) {
		uint64_t record = file_record_size(image, at);
		if (record == 0)
			return fail(error, error_size, "a file record is malformed or cut short");
		at += record;
	}
	return 0;
}

static int read_frames(struct xmig_image *image, char *error, size_t error_size)
{
	size_t at = 0;
	image->frame_count = 0;
	while (at < image->frames_size) {
		struct xmig_resume_frame frame;
		if (!within(at, sizeof frame, image->frames_size))
			return fail(error, error_size, "a frame record is cut short");
		memcpy(&frame, image->frames + at, sizeof frame);
		if (frame.value_count > XMIG_RESUME_MAX_VALUES ||
		    !within(at, sizeof frame + frame.value_count * XMIG_RESUME_VALUE_STRIDE,
		            image->frames_size))
			return fail(error, error_size, "frame record %zu is malformed",
			            image->frame_count);
		at += sizeof frame + frame.value_count * XMIG_RESUME_VALUE_STRIDE;
		image->frame_count++;
	}
	if (image->frame_count == 0)
		return fail(error, error_size, "the frames note holds no frame");
	return 0;
}

static int read_note(struct xmig_image *image, const char *name, uint32_t type,
                     const uint8_t *descriptor, uint32_t size, unsigned *seen, char *error,
                     size_t error_size)
{
	const struct xmig_core_layout *layout = xmig_core_layout_for_machine(image->elf_machine);
	if (strcmp(name, "CORE") == 0) {
		if (type == NT_PRSTATUS) {
			uint8_t copy[512];
			if (size > sizeof copy)
				return fail(error, error_size, "NT_PRSTATUS has the wrong size");
			memcpy(copy, descriptor, size);
			if (xmig_core_read_prstatus(layout, copy, size, &image->registers) != 0)
				return fail(error, error_size, "NT_PRSTATUS has the wrong size");
			*seen |= 1u << 0;
		} else if (type == NT_FPREGSET) {
			uint8_t copy[1024];
			if (size > sizeof copy ||
			    xmig_core_read_fpregset(layout, (memcpy(copy, descriptor, size), copy),
			                            size, &image->registers) != 0)
				return fail(error, error_size, "NT_FPREGSET has the wrong size");
			*seen |= 1u << 1;
		}
		return 0;
	}
	if (strcmp(name, XMIG_IMAGE_NOTE_NAME) != 0)
		return 0;
	switch (type) {
	case XMIG_NOTE_STATE:
		if (size != sizeof image->state)
			return fail(error, error_size, "the state note has the wrong size");
		memcpy(&image->state, descriptor, size);
		*seen |= 1u << 2;
		return 0;
	case XMIG_NOTE_BINARY: {
		struct xmig_image_binary binary;
		if (size < sizeof binary)
			return fail(error, error_size, "the binary note is cut short");
		memcpy(&binary, descriptor, sizeof binary);
		if ((uint64_t)binary.build_id_size + binary.path_size != size - sizeof binary ||
		    binary.path_size == 0 || binary.build_id_size > 64 ||
		    descriptor[size - 1] != '\0')
			return fail(error, error_size, "the binary note is malformed");
		image->build_id = descriptor + sizeof binary;
		image->build_id_size = binary.build_id_size;
		image->binary_path =
		        (const char *)descriptor + sizeof binary + binary.build_id_size;
		*seen |= 1u << 3;
		return 0;
	}
	case XMIG_NOTE_CWD:
		if (size == 0 || descriptor[size - 1] != '\0' ||
		    strlen((const char *)descriptor) != size - 1)
			return fail(error, error_size, "the working-directory note is malformed");
		image->cwd = (const char *)descriptor;
		*seen |= 1u << 4;
		return 0;
	case XMIG_NOTE_FILES:
		image->files = descriptor;
		image->files_size = size;
		*seen |= 1u << 5;
		return read_files(image, error, error_size);
	case XMIG_NOTE_FRAMES:
		image->frames = descriptor;
		image->frames_size = size;
		return read_frames(image, error, error_size);
	case XMIG_NOTE_SIGNALS:
		if (size != sizeof image->signals)
			return fail(error, error_size, "the signal note has the wrong size");
		memcpy(image->signals, descriptor, size);
		*seen |= 1u << 6;
		return 0;
	default:
		return fail(error, error_size, "unknown xmig note type %u", type);
	}
}

static int read_notes(struct xmig_image *image, const Elf64_Phdr *notes, char *error,
                      size_t error_size)
{
	const uint8_t *data = image->data + notes->p_offset;
	uint64_t size = notes->p_filesz;
	unsigned seen = 0;
	for (uint64_t at = 0; at < size;) {
		Elf64_Nhdr header;
		if (!within(at, sizeof header, size))
			return fail(error, error_size, "a note header is cut short");
		memcpy(&header, data + at, sizeof header);
		uint64_t name_at = at + sizeof header;
		uint64_t descriptor_at = name_at + round4(header.n_namesz);
		if (header.n_namesz == 0 || header.n_namesz > 16 ||
		    !within(name_at, round4(header.n_namesz), size) ||
		    !within(descriptor_at, round4(header.n_descsz), size) ||
		    data[name_at + header.n_namesz - 1] != '\0')
			return fail(error, error_size, "a note at offset %llu is malformed",
			            (unsigned long long)(notes->p_offset + at));
		if (read_note(image, (const char *)data + name_at, header.n_type,
		              data + descriptor_at, header.n_descsz, &seen, error, error_size) != 0)
			return -1;
		at = descriptor_at + round4(header.n_descsz);
	}
	if (seen != 0x7f)
		return fail(error, error_size, "the image lacks notes it needs (has %#x of 0x7f)",
		            seen);
	return 0;
}

int xmig_image_parse(const uint8_t *data, size_t size, struct xmig_image *image, char *error,
                     size_t error_size)
{
	memset(image, 0, sizeof *image);
	image->data = data;
	image->size = size;
	Elf64_Ehdr elf;
	if (size < sizeof elf)
		return fail(error, error_size,
		            "the image is too short to be an ELF file (%zu bytes)", size);
	memcpy(&elf, data, sizeof elf);
	if (memcmp(elf.e_ident, ELFMAG, SELFMAG) != 0)
		return fail(error, error_size, "not an ELF file");
	if (elf.e_ident[EI_CLASS] != ELFCLASS64 || elf.e_ident[EI_DATA] != ELFDATA2LSB ||
	    elf.e_ident[EI_VERSION] != EV_CURRENT || elf.e_type != ET_CORE)
		return fail(error, error_size, "not a 64-bit little-endian ELF core file");
	const struct xmig_core_layout *layout = xmig_core_layout_for_machine(elf.e_machine);
	if (!layout)
		return fail(error, error_size, "an image of an unknown machine (%u)",
		            elf.e_machine);
	image->elf_machine = elf.e_machine;
	image->isa = layout->isa;
	if (elf.e_phentsize != sizeof(Elf64_Phdr) || elf.e_phnum < 2 ||
	    !within(elf.e_phoff, (uint64_t)elf.e_phnum * sizeof(Elf64_Phdr), size))
		return fail(error, error_size, "the image's program headers are malformed");

	Elf64_Phdr notes, trailer;
	memcpy(&notes, data + elf.e_phoff, sizeof notes);
	memcpy(&trailer, data + elf.e_phoff + sizeof notes, sizeof trailer);
	if (verify_checksum(data, size, &trailer, error, error_size) != 0)
		return -1;
	if (notes.p_type != PT_NOTE || !within(notes.p_offset, notes.p_filesz, size))
		return fail(error, error_size, "the image's note segment is malformed");

	image->load_count = elf.e_phnum - 2u;
	image->loads_offset = elf.e_phoff + 2 * sizeof(Elf64_Phdr);
	for (size_t i = 0; i < image->load_count; i++) {
		Elf64_Phdr load;
		memcpy(&load, data + image->loads_offset + i * sizeof load, sizeof load);
		if (load.p_type != PT_LOAD || load.p_filesz > load.p_memsz ||
		    !within(load.p_offset, load.p_filesz, size) ||
		    load.p_vaddr + load.p_memsz < load.p_vaddr)
			return fail(error, error_size, "segment %zu of the image is malformed",
			            i + 2);
	}
	if (read_notes(image, &notes, error, error_size) != 0)
		return -1;
	if (image->state.version != XMIG_IMAGE_VERSION)
		return fail(error, error_size, "image format version %u, this runtime reads %u",
		            image->state.version, XMIG_IMAGE_VERSION);
	if (image->state.elf_machine != image->elf_machine)
		return fail(error, error_size, "the image's state note names another ISA");
	for (int r = 0; r < 4; r++)
		if (image->state.ranges[r][0] > image->state.ranges[r][1])
			return fail(error, error_size, "the image's range %d is malformed", r + 1);
	return 0;
}

void xmig_image_load_at(const struct xmig_image *image, size_t index, struct xmig_image_load *load)
{
	Elf64_Phdr header;
	memcpy(&header, image->data + image->loads_offset + index * sizeof header, sizeof header);
	load->address = header.p_vaddr;
	load->memory_size = header.p_memsz;
	load->file_size = header.p_filesz;
	load->bytes = image->data + header.p_offset;
}

int xmig_image_next_file(const struct xmig_image *image, size_t *cursor,
                         struct xmig_image_file *file, const char **path, const uint8_t **contents,
                         uint64_t *contents_size)
{
	if (*cursor >= image->files_size)
		return -1;
	memcpy(file, image->files + *cursor, sizeof *file);
	*path = (const char *)image->files + *cursor + sizeof *file;
	*contents = NULL;
	*contents_size = 0;
	if (XMIG_IMAGE_FILE_HAS_CONTENTS(file->kind)) {
		size_t at = *cursor + sizeof *file + padded(file->path_size);
		memcpy(contents_size, image->files + at, sizeof *contents_size);
		*contents = image->files + at + 8;
	}
	*cursor += file_record_size(image, *cursor);
	return 0;
}
