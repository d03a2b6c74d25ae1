/* The image checksum: a 64-bit hash of a byte stream fed in pieces of any
 * size, fast enough to run over every captured byte. Not cryptographic: it
 * catches damage, not forgery.
 *
 * Four independent lanes take turns over 8-byte words, so that the
 * multiplications overlap instead of waiting on each other: a migration
 * hashes every byte four times (capture, the transform's check and its
 * output, the restore's check), under qemu-user as well. */
#ifndef XMIG_CHECKSUM_H
#define XMIG_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define XMIG_CHECKSUM_LANES 4
#define XMIG_CHECKSUM_BLOCK (XMIG_CHECKSUM_LANES * 8)

struct xmig_checksum {
	uint64_t lanes[XMIG_CHECKSUM_LANES];
	uint64_t length;
	uint8_t pending[XMIG_CHECKSUM_BLOCK]; /* a block not yet folded in */
	unsigned pending_bytes;
};

void xmig_checksum_init(struct xmig_checksum *checksum);
void xmig_checksum_update(struct xmig_checksum *checksum, const void *data, size_t size);
uint64_t xmig_checksum_final(const struct xmig_checksum *checksum);

#endif
