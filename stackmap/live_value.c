#include "xmig/live_value.h"

#include "xmig/site_record.h"

#include <string.h>

size_t xmig_type_tag_bytes(uint32_t type_tag)
{
	unsigned kind = XMIG_TYPE_TAG_KIND(type_tag);
	unsigned lanes = XMIG_TYPE_TAG_LANES(type_tag);
	unsigned lane_bits = XMIG_TYPE_TAG_LANE_BITS(type_tag);
	int known = kind >= XMIG_TYPE_INTEGER && kind <= XMIG_TYPE_POINTER;
	if (!known || lanes == 0 || lane_bits == 0)
		return 0;
	size_t bytes = ((size_t)lanes * lane_bits + 7) / 8;
	return bytes <= XMIG_LIVE_VALUE_MAX_BYTES ? bytes : 0;
}

void xmig_live_value_normalize(struct xmig_live_value *value)
{
	size_t bytes = xmig_type_tag_bytes(value->type_tag);
	memset(value->bytes + bytes, 0, sizeof value->bytes - bytes);
	/* i1 and other odd widths: a scalar's unused high bits of its last
	 * byte. Vectors of them (<4 x i1>) are not recorded as values. */
	unsigned bits =
	        XMIG_TYPE_TAG_LANES(value->type_tag) * XMIG_TYPE_TAG_LANE_BITS(value->type_tag);
	if (bytes > 0 && bits % 8 != 0)
		value->bytes[bytes - 1] &= (uint8_t)((1u << (bits % 8)) - 1);
}
