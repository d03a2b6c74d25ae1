#include "checksum.h"

#include <string.h>

#define MULTIPLIER 0x9e3779b97f4a7c15ULL

static uint64_t mix(uint64_t state, uint64_t word)
{
	state = (state ^ word) * MULTIPLIER;
	return state ^ (state >> 32);
}

void xmig_checksum_init(struct xmig_checksum *checksum)
{
	checksum->state = 0x786d6967696d6167ULL;
	checksum->length = 0;
	checksum->pending = 0;
	checksum->pending_bytes = 0;
}

void xmig_checksum_update(struct xmig_checksum *checksum, const void *data, size_t size)
{
	const uint8_t *bytes = data;
	checksum->length += size;
	while (size > 0 && checksum->pending_bytes != 0) {
		checksum->pending |= (uint64_t)*bytes++ << (8 * checksum->pending_bytes);
		size--;
		if (++checksum->pending_bytes == 8) {
			checksum->state = mix(checksum->state, checksum->pending);
			checksum->pending = 0;
			checksum->pending_bytes = 0;
		}
	}
	uint64_t state = checksum->state;
	for (; size >= 8; size -= 8, bytes += 8) {
		uint64_t word;
		memcpy(&word, bytes, sizeof word);
		state = mix(state, word);
	}
	checksum->state = state;
	for (; size > 0; size--)
		checksum->pending |= (uint64_t)*bytes++ << (8 * checksum->pending_bytes++);
}

uint64_t xmig_checksum_final(const struct xmig_checksum *checksum)
{
	uint64_t state = checksum->state;
	if (checksum->pending_bytes)
		state = mix(state, checksum->pending);
	return mix(state, checksum->length);
}
