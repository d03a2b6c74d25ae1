#include "xmig/image_rebuild.h"

#include "checksum.h"
#include "xmig/image_format.h"
#include "xmig/image_layout.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096u

static int in_range(const struct xmig_image_load *load, const uint64_t range[2])
{
	return load->address >= range[0] && load->address + load->memory_size <= range[1];
}

int xmig_image_rebuild(const struct xmig_image_rebuild *rebuild, struct xmig_image_memory *image,
                       struct xmig_error *error)
{
	const struct xmig_image *source = rebuild->source;
	const struct xmig_core_layout *layout = rebuild->layout;
	const uint64_t *old_stack = source->state.ranges[XMIG_RANGE_NATIVE_STACK - 1];
	*image = (struct xmig_image_memory){.descriptor = -1};

	/* Every load of the source but its native stack's, then the new stack. */
	size_t load_count = 1;
	uint64_t load_bytes = rebuild->native_stack->high - rebuild->native_stack->low;
	for (size_t i = 0; i < source->load_count; i++) {
		struct xmig_image_load load;
		xmig_image_load_at(source, i, &load);
		if (in_range(&load, old_stack))
			continue;
		load_count++;
		load_bytes += load.file_size;
	}
	size_t path_size = strlen(rebuild->binary_path) + 1;
	size_t cwd_size = strlen(source->cwd) + 1;
	size_t binary_size = sizeof(struct xmig_image_binary) + rebuild->build_id_size + path_size;
	size_t signals_size = sizeof source->signals;
	size_t notes_size = xmig_image_note_size(5, layout->prstatus_size) +
	                    xmig_image_note_size(5, layout->fpregset_size) +
	                    xmig_image_note_size(5, sizeof(struct xmig_image_state)) +
	                    xmig_image_note_size(5, binary_size) +
	                    xmig_image_note_size(5, cwd_size) +
	                    xmig_image_note_size(5, source->files_size) +
	                    xmig_image_note_size(5, signals_size) +
	                    xmig_image_note_size(5, rebuild->frames_size);
	size_t checksum_note_size = xmig_image_note_size(5, sizeof(uint64_t));
	size_t segment_count = 2 + load_count;
	if (segment_count >= PN_XNUM)
		return xmig_fail(error, "the image would have too many segments");
	size_t notes_offset = sizeof(Elf64_Ehdr) + segment_count * sizeof(Elf64_Phdr);
	size_t data_offset = (notes_offset + notes_size + PAGE - 1) / PAGE * PAGE;
	size_t total = data_offset + (size_t)load_bytes + checksum_note_size;
	xmig_image_memory_get(image, total);
	uint8_t *out = image->bytes;
	if (!out)
		return xmig_fail(error, "out of memory for a %zu-byte image", total);

	xmig_image_core_header(out, layout->elf_machine, segment_count);

	Elf64_Phdr segments[2];
	uint64_t offset = data_offset;
	size_t next = 2;
	for (size_t i = 0; i <= source->load_count; i++) {
		struct xmig_image_load load;
		if (i < source->load_count) {
			xmig_image_load_at(source, i, &load);
			if (in_range(&load, old_stack))
				continue;
		} else {
			load = (struct xmig_image_load){
			        .address = rebuild->native_stack->low,
			        .memory_size =
			                rebuild->native_stack->high - rebuild->native_stack->low,
			        .file_size =
			                rebuild->native_stack->high - rebuild->native_stack->low,
			        .bytes = rebuild->native_stack->bytes,
			};
		}
		Elf64_Phdr header = {
		        .p_type = PT_LOAD,
		        .p_flags = PF_R | PF_W,
		        .p_offset = offset,
		        .p_vaddr = load.address,
		        .p_filesz = load.file_size,
		        .p_memsz = load.memory_size,
		        .p_align = PAGE,
		};
		memcpy(out + sizeof(Elf64_Ehdr) + next++ * sizeof(Elf64_Phdr), &header,
		       sizeof header);
		if (load.file_size)
			memcpy(out + offset, load.bytes, (size_t)load.file_size);
		offset += load.file_size;
	}
	segments[0] = (Elf64_Phdr){
	        .p_type = PT_NOTE, .p_offset = notes_offset, .p_filesz = notes_size, .p_align = 4};
	segments[1] = (Elf64_Phdr){.p_type = PT_NOTE,
	                           .p_offset = offset,
	                           .p_filesz = checksum_note_size,
	                           .p_align = 4};
	memcpy(out + sizeof(Elf64_Ehdr), segments, sizeof segments);

	uint8_t *cursor = out + notes_offset;
	/* The process ID is the destination's to choose; 1 keeps debuggers'
	 * "process N" lines meaningful without pretending to be the source. */
	xmig_core_write_prstatus(
	        layout, rebuild->registers, 1,
	        xmig_image_add_note(&cursor, "CORE", NT_PRSTATUS, layout->prstatus_size));
	xmig_core_write_fpregset(
	        layout, rebuild->registers,
	        xmig_image_add_note(&cursor, "CORE", NT_FPREGSET, layout->fpregset_size));
	struct xmig_image_state state = source->state;
	state.elf_machine = layout->elf_machine;
	state.ranges[XMIG_RANGE_NATIVE_STACK - 1][0] = rebuild->native_stack->low;
	state.ranges[XMIG_RANGE_NATIVE_STACK - 1][1] = rebuild->native_stack->high;
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_STATE, sizeof state),
	       &state, sizeof state);
	uint8_t *binary =
	        xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_BINARY, binary_size);
	struct xmig_image_binary binary_header = {(uint32_t)rebuild->build_id_size,
	                                          (uint32_t)path_size};
	memcpy(binary, &binary_header, sizeof binary_header);
	memcpy(binary + sizeof binary_header, rebuild->build_id, rebuild->build_id_size);
	memcpy(binary + sizeof binary_header + rebuild->build_id_size, rebuild->binary_path,
	       path_size);
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_CWD, cwd_size),
	       source->cwd, cwd_size);
	uint8_t *files = xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_FILES,
	                                     source->files_size);
	if (source->files_size)
		memcpy(files, source->files, source->files_size);
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_SIGNALS, signals_size),
	       source->signals, signals_size);
	memcpy(xmig_image_add_note(&cursor, XMIG_IMAGE_NOTE_NAME, XMIG_NOTE_FRAMES,
	                           rebuild->frames_size),
	       rebuild->frames, rebuild->frames_size);

	/* The checksum covers every byte, its own counted as zero. */
	uint8_t *checksum_cursor = out + offset;
	uint8_t *checksum_field = xmig_image_add_note(&checksum_cursor, XMIG_IMAGE_NOTE_NAME,
	                                              XMIG_NOTE_CHECKSUM, sizeof(uint64_t));
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, out, total);
	uint64_t value = xmig_checksum_final(&sum);
	memcpy(checksum_field, &value, sizeof value);
	return 0;
}
