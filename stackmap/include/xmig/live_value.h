/* A live value on its way from one ISA's frame to the other's: its IR type
 * (the site record's type tag) and its bytes, little-endian, zero beyond the
 * type's width. Both ISAs are little-endian LP64 and migrated memory has the
 * same addresses on both, so the bytes themselves never change: only where
 * they sit, and how wide the slot is, does. */
#ifndef XMIG_LIVE_VALUE_H
#define XMIG_LIVE_VALUE_H

#include <stddef.h>
#include <stdint.h>

#define XMIG_LIVE_VALUE_MAX_BYTES 64 /* <8 x double>, the widest the tests and NPB keep live */

struct xmig_live_value {
	uint32_t type_tag;
	uint8_t bytes[XMIG_LIVE_VALUE_MAX_BYTES];
};

/* How many bytes the type occupies; 0 for a tag no value can have here. */
size_t xmig_type_tag_bytes(uint32_t type_tag);

/* Clears every bit beyond the type's width: what a slot wider than the value
 * held there (a 64-bit register holding an i32, an xmm register holding a
 * double) is not part of the value. Both ISAs zero-extend a 32-bit result
 * into its 64-bit register, so a zero-extended value is what their code
 * expects to find. */
void xmig_live_value_normalize(struct xmig_live_value *value);

#endif
