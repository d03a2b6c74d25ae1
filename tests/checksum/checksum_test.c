/* The image checksum must not depend on how its input is cut into pieces,
 * and must change when any one bit, or the length, does. */
#include "checksum.h"

#include <stdio.h>
#include <string.h>

#define SIZE 4099 /* not a multiple of any block or word */

static int failures;

static void expect(int condition, const char *what, size_t detail)
{
	if (!condition) {
		fprintf(stderr, "checksum_test: %s (%zu)\n", what, detail);
		failures++;
	}
}

/* xorshift: the same bytes on every libc. */
static unsigned next_random(unsigned *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 17;
	*seed ^= *seed << 5;
	return *seed;
}

static uint64_t whole(const uint8_t *data, size_t size)
{
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	xmig_checksum_update(&sum, data, size);
	return xmig_checksum_final(&sum);
}

static uint64_t in_pieces(const uint8_t *data, size_t size, unsigned *seed)
{
	struct xmig_checksum sum;
	xmig_checksum_init(&sum);
	for (size_t at = 0; at < size;) {
		size_t piece = (size_t)next_random(seed) % 70;
		if (piece > size - at)
			piece = size - at;
		xmig_checksum_update(&sum, data + at, piece);
		at += piece;
	}
	return xmig_checksum_final(&sum);
}

int main(void)
{
	static uint8_t data[SIZE];
	unsigned seed = 12345;
	for (size_t i = 0; i < SIZE; i++)
		data[i] = (uint8_t)next_random(&seed);

	for (size_t size = 0; size <= 200; size++) {
		uint64_t expected = whole(data, size);
		for (int trial = 0; trial < 8; trial++)
			expect(in_pieces(data, size, &seed) == expected,
			       "cutting the input into pieces changed the checksum", size);
	}
	expect(in_pieces(data, SIZE, &seed) == whole(data, SIZE),
	       "cutting the input into pieces changed the checksum", SIZE);

	uint64_t original = whole(data, SIZE);
	for (size_t bit = 0; bit < SIZE * 8; bit++) {
		data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		expect(whole(data, SIZE) != original, "a flipped bit went unnoticed", bit);
		data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}

	/* Zeros at the end are data: lengths that differ only by them differ. */
	static uint8_t zeros[64];
	for (size_t size = 0; size < sizeof zeros; size++)
		expect(whole(zeros, size) != whole(zeros, size + 1),
		       "a trailing zero byte went unnoticed", size);

	/* Two words swapped between lanes are different data. */
	uint8_t swapped[SIZE];
	memcpy(swapped, data, SIZE);
	memcpy(swapped, data + 8, 8);
	memcpy(swapped + 8, data, 8);
	expect(memcmp(swapped, data, 16) == 0 || whole(swapped, SIZE) != original,
	       "swapped words went unnoticed", 0);

	if (failures)
		return 1;
	puts("checksum_test: pieces, flipped bits, trailing zeros and swapped words all behave");
	return 0;
}
