/* A reader of the stack-map format (version 3) sized for the runtime: it keeps
 * only what the frame walk needs, and allocates with mmap, never from the
 * program's heap, whose bytes are part of the state being captured. */
#define _GNU_SOURCE
#include "site_table.h"

#include "xmig/site_record.h"
#include "xmig/unpaired_table.h"

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

/* Weak: a binary without a single site has no stack maps at all. */
extern const uint8_t __xmig_stackmaps_start[] __attribute__((weak));
extern const uint8_t __xmig_stackmaps_end[] __attribute__((weak));
extern const struct xmig_unpaired_table __xmig_unpaired_table __attribute__((weak));

/* A statepoint record starts with three constants of its own; the site
 * header is the first deopt operand after them. */
#define STATEPOINT_PREFIX_LOCATIONS 3
#define LOCATION_CONSTANT           4
#define LOCATION_CONSTANT_INDEX     5
#define LOCATION_SIZE               12

static struct xmig_runtime_site *sites;
static size_t site_count;
static const char *failure;

static uint64_t read64(const uint8_t *at)
{
	uint64_t value;
	memcpy(&value, at, sizeof value);
	return value;
}

static uint32_t read32(const uint8_t *at)
{
	uint32_t value;
	memcpy(&value, at, sizeof value);
	return value;
}

static uint16_t read16(const uint8_t *at)
{
	uint16_t value;
	memcpy(&value, at, sizeof value);
	return value;
}

static size_t align8(size_t offset)
{
	return (offset + 7) & ~(size_t)7;
}

static int id_is_unpaired(uint64_t id);

/* A location's constant: inline, or in the pool. */
static int constant_of(const uint8_t *location, const uint8_t *pool, uint32_t pool_size,
                       uint64_t *value)
{
	if (location[0] == LOCATION_CONSTANT) {
		*value = (uint64_t)(int64_t)(int32_t)read32(location + 8);
		return 0;
	}
	if (location[0] == LOCATION_CONSTANT_INDEX && read32(location + 8) < pool_size) {
		*value = read64(pool + 8 * read32(location + 8));
		return 0;
	}
	return -1;
}

/* The flags of a record's source frames, or-ed, and whether any of them is
 * unpaired (xmig/site_record.h); -1 when it is not an xmig site. */
static int describe_frames(const uint8_t *locations, uint16_t count, const uint8_t *pool,
                           uint32_t pool_size, uint32_t *flags, uint32_t *unpaired)
{
	if (count < STATEPOINT_PREFIX_LOCATIONS)
		return -1;
	size_t at = STATEPOINT_PREFIX_LOCATIONS;
	while (at < count) {
		uint64_t header, id;
		if (count - at < XMIG_SITE_PREFIX_OPERANDS ||
		    constant_of(locations + LOCATION_SIZE * at, pool, pool_size, &header) != 0 ||
		    constant_of(locations + LOCATION_SIZE * (at + 1), pool, pool_size, &id) != 0 ||
		    XMIG_SITE_HEADER_MAGIC(header) != XMIG_SITE_MAGIC ||
		    XMIG_SITE_HEADER_VERSION(header) != XMIG_SITE_VERSION)
			return -1;
		*flags |= XMIG_SITE_HEADER_FLAGS(header);
		*unpaired |= (uint32_t)id_is_unpaired(id);
		at += XMIG_SITE_PREFIX_OPERANDS + 2 * (size_t)XMIG_SITE_HEADER_COUNT(header);
	}
	return at == count ? 0 : -1;
}

/* Walks every blob; with `out` NULL it only counts. Returns the number of
 * records, or -1 when the section is malformed. */
static long scan(const uint8_t *data, size_t size, struct xmig_runtime_site *out)
{
	long count = 0;
	size_t at = 0;
	while (at < size) {
		if (size - at < 16 || data[at] != 3)
			return -1;
		uint32_t functions = read32(data + at + 4);
		uint32_t constants = read32(data + at + 8);
		uint32_t records = read32(data + at + 12);
		size_t function_table = at + 16;
		size_t constant_table = function_table + 24 * (size_t)functions;
		size_t cursor = constant_table + 8 * (size_t)constants;
		if (cursor > size)
			return -1;
		uint32_t function = 0;
		uint64_t left_in_function = functions ? read64(data + function_table + 16) : 0;
		for (uint32_t r = 0; r < records; r++) {
			while (left_in_function == 0 && ++function < functions)
				left_in_function =
				        read64(data + function_table + 24 * function + 16);
			if (function >= functions || size - cursor < 16)
				return -1;
			left_in_function--;
			uint64_t function_address = read64(data + function_table + 24 * function);
			uint64_t id = read64(data + cursor);
			uint32_t offset = read32(data + cursor + 8);
			uint16_t locations = read16(data + cursor + 14);
			size_t location_table = cursor + 16;
			if ((size - location_table) / LOCATION_SIZE < locations)
				return -1;
			uint32_t flags = 0, unpaired = 0;
			if (out &&
			    describe_frames(data + location_table, locations, data + constant_table,
			                    constants, &flags, &unpaired) != 0)
				flags = XMIG_SITE_UNSUPPORTED_VALUE; /* not an xmig site */
			cursor = align8(location_table + LOCATION_SIZE * (size_t)locations);
			if (size - cursor < 4)
				return -1;
			uint16_t live_outs = read16(data + cursor + 2);
			cursor = align8(cursor + 4 + 4 * (size_t)live_outs);
			if (cursor > size)
				return -1;
			if (out)
				out[count] = (struct xmig_runtime_site){function_address + offset,
				                                        id, flags, unpaired};
			count++;
		}
		at = cursor;
	}
	return count;
}

/* In place, by return address: libc's qsort may take a buffer from malloc,
 * that is from the program's heap. */
static void sift_down(struct xmig_runtime_site *all, size_t root, size_t count)
{
	for (;;) {
		size_t largest = root, left = 2 * root + 1, right = left + 1;
		if (left < count && all[left].return_address > all[largest].return_address)
			largest = left;
		if (right < count && all[right].return_address > all[largest].return_address)
			largest = right;
		if (largest == root)
			return;
		struct xmig_runtime_site swap = all[root];
		all[root] = all[largest];
		all[largest] = swap;
		root = largest;
	}
}

static void sort_by_return_address(struct xmig_runtime_site *all, size_t count)
{
	for (size_t i = count / 2; i-- > 0;)
		sift_down(all, i, count);
	for (size_t end = count; end-- > 1;) {
		struct xmig_runtime_site swap = all[0];
		all[0] = all[end];
		all[end] = swap;
		sift_down(all, 0, end);
	}
}

static int id_is_unpaired(uint64_t id)
{
	const struct xmig_unpaired_table *table = &__xmig_unpaired_table;
	size_t low = 0, high = table->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (table->ids[middle] == id)
			return 1;
		if (table->ids[middle] < id)
			low = middle + 1;
		else
			high = middle;
	}
	return 0;
}

int xmig_unpaired_table_checked(void)
{
	return &__xmig_unpaired_table != NULL &&
	       memcmp(__xmig_unpaired_table.magic, XMIG_UNPAIRED_MAGIC, 8) == 0 &&
	       __xmig_unpaired_table.version == XMIG_UNPAIRED_VERSION &&
	       __xmig_unpaired_table.state == XMIG_UNPAIRED_CHECKED &&
	       __xmig_unpaired_table.count <= __xmig_unpaired_table.capacity;
}

const char *xmig_site_table_prepare(void)
{
	if (sites || failure)
		return failure;
	if (!__xmig_stackmaps_start || !__xmig_stackmaps_end)
		return failure = "the binary has no stack maps (was it built with xmig-cc?)";
	if (!xmig_unpaired_table_checked())
		return failure = "the binary's unpaired-site table was never written by xmig-check";
	const uint8_t *data = __xmig_stackmaps_start;
	size_t size = (size_t)(__xmig_stackmaps_end - __xmig_stackmaps_start);
	long count = scan(data, size, NULL);
	if (count < 0)
		return failure = "the binary's stack maps are malformed";
	size_t bytes = (size_t)(count ? count : 1) * sizeof *sites;
	void *table = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (table == MAP_FAILED)
		return failure = "no memory for the site table";
	scan(data, size, table);
	struct xmig_runtime_site *all = table;
	sort_by_return_address(all, (size_t)count);
	sites = all;
	site_count = (size_t)count;
	return NULL;
}

const struct xmig_runtime_site *xmig_site_at(uint64_t return_address)
{
	size_t low = 0, high = site_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (sites[middle].return_address == return_address)
			return &sites[middle];
		if (sites[middle].return_address < return_address)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}
