/* The pieces of an image's ELF layout that its writers share: the runtime
 * writing a capture, and the transformer writing the other ISA's image. */
#ifndef XMIG_IMAGE_LAYOUT_H
#define XMIG_IMAGE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* Bytes a note takes: header, name and descriptor, each padded to 4. */
size_t xmig_image_note_size(size_t name_size, size_t descriptor_size);

/* Writes a note's header and name at *cursor, zeroes its padding and
 * advances *cursor past it; returns where its descriptor goes. */
uint8_t *xmig_image_add_note(uint8_t **cursor, const char *name, uint32_t type,
                             size_t descriptor_size);

/* Fills an Elf64_Ehdr for a little-endian ET_CORE file of `machine` whose
 * segment_count program headers follow it directly. */
void xmig_image_core_header(void *header, uint16_t machine, size_t segment_count);

#endif
