/* Reading an image (xmig/image_format.h) from memory: every field is
 * bounds-checked and the checksum verified before anything is trusted. Pure:
 * no effect on the process, so the fuzz target, the restore and the host
 * tools share it. */
#ifndef XMIG_IMAGE_READER_H
#define XMIG_IMAGE_READER_H

#include "xmig/image_format.h"
#include "xmig/registers.h"

#include <stddef.h>
#include <stdint.h>

struct xmig_image {
	const uint8_t *data;
	size_t size;
	uint16_t elf_machine;
	const char *isa;
	struct xmig_registers registers;
	struct xmig_image_state state;
	const uint8_t *build_id;
	uint32_t build_id_size;
	const char *binary_path;
	const char *cwd;
	const uint8_t *files; /* struct xmig_image_file records, validated */
	size_t files_size;
	struct xmig_image_signal signals[XMIG_IMAGE_SIGNALS];
	const uint8_t *frames; /* XMIG_NOTE_FRAMES, validated; NULL when absent */
	size_t frames_size;
	size_t frame_count;
	size_t load_count;
	uint64_t loads_offset; /* of the first PT_LOAD's program header */
};

struct xmig_image_load {
	uint64_t address;
	uint64_t memory_size;
	uint64_t file_size;
	const uint8_t *bytes;
};

/* 0, or -1 with a message in `error` naming what is wrong. */
int xmig_image_parse(const uint8_t *data, size_t size, struct xmig_image *image, char *error,
                     size_t error_size);

/* The index-th PT_LOAD, index < image->load_count. */
void xmig_image_load_at(const struct xmig_image *image, size_t index, struct xmig_image_load *load);

/* Walks the validated file records: returns the next one after `*cursor`
 * (0 to start), its path and, for an anonymous file, its contents; or -1 at
 * the end. */
int xmig_image_next_file(const struct xmig_image *image, size_t *cursor,
                         struct xmig_image_file *file, const char **path, const uint8_t **contents,
                         uint64_t *contents_size);

#endif
