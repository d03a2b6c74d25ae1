/* The image checksum: a 64-bit hash of a byte stream fed in pieces of any
 * size, fast enough to run over every captured byte. Not cryptographic: it
 * catches damage, not forgery. */
#ifndef XMIG_CHECKSUM_H
#define XMIG_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

struct xmig_checksum {
	uint64_t state;
	uint64_t length;
	uint64_t pending; /* up to 7 bytes not yet folded in */
	unsigned pending_bytes;
};

void xmig_checksum_init(struct xmig_checksum *checksum);
void xmig_checksum_update(struct xmig_checksum *checksum, const void *data, size_t size);
uint64_t xmig_checksum_final(const struct xmig_checksum *checksum);

#endif
