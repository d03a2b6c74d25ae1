#include "checksum.h"

#include <string.h>

#define MULTIPLIER 0x9e3779b97f4a7c15ULL

static uint64_t mix(uint64_t state, uint64_t word)
{
	state = (state ^ word) * MULTIPLIER;
	return state ^ (state >> 32);
}

static uint64_t word_at(const uint8_t *bytes)
{
	uint64_t word;
	memcpy(&word, bytes, sizeof word);
	return word;
}

static void fold_blocks(uint64_t *lanes, const uint8_t *bytes, size_t blocks)
{
	uint64_t a = lanes[0], b = lanes[1], c = lanes[2], d = lanes[3];
	for (; blocks > 0; blocks--, bytes += XMIG_CHECKSUM_BLOCK) {
		a = mix(a, word_at(bytes));
		b = mix(b, word_at(bytes + 8));
		c = mix(c, word_at(bytes + 16));
		d = mix(d, word_at(bytes + 24));
		/* Keeps the lanes in general registers: vectorized, x86_64's
		 * 64-bit multiplies become slow sequences of 32-bit ones. */
		__asm__("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
	}
	lanes[0] = a, lanes[1] = b, lanes[2] = c, lanes[3] = d;
}

void xmig_checksum_init(struct xmig_checksum *checksum)
{
	memset(checksum, 0, sizeof *checksum);
	for (int lane = 0; lane < XMIG_CHECKSUM_LANES; lane++)
		checksum->lanes[lane] = 0x786d6967696d6167ULL + (uint64_t)lane;
}

void xmig_checksum_update(struct xmig_checksum *checksum, const void *data, size_t size)
{
	const uint8_t *bytes = data;
	checksum->length += size;
	if (checksum->pending_bytes) {
		size_t wanted = XMIG_CHECKSUM_BLOCK - checksum->pending_bytes;
		size_t taken = size < wanted ? size : wanted;
		memcpy(checksum->pending + checksum->pending_bytes, bytes, taken);
		checksum->pending_bytes += (unsigned)taken;
		bytes += taken;
		size -= taken;
		if (checksum->pending_bytes < XMIG_CHECKSUM_BLOCK)
			return;
		fold_blocks(checksum->lanes, checksum->pending, 1);
		checksum->pending_bytes = 0;
	}
	fold_blocks(checksum->lanes, bytes, size / XMIG_CHECKSUM_BLOCK);
	size_t rest = size % XMIG_CHECKSUM_BLOCK;
	memcpy(checksum->pending, bytes + size - rest, rest);
	checksum->pending_bytes = (unsigned)rest;
}

uint64_t xmig_checksum_final(const struct xmig_checksum *checksum)
{
	uint64_t state = checksum->lanes[0];
	for (int lane = 1; lane < XMIG_CHECKSUM_LANES; lane++)
		state = mix(state, checksum->lanes[lane]);
	/* The tail, zero-padded to whole words: the length mixed in last keeps
	 * a padded tail apart from one that really ends in zeros. */
	uint8_t tail[XMIG_CHECKSUM_BLOCK] = {0};
	memcpy(tail, checksum->pending, checksum->pending_bytes);
	for (unsigned at = 0; at < checksum->pending_bytes; at += 8)
		state = mix(state, word_at(tail + at));
	return mix(state, checksum->length);
}
