/* The rest of glibc's malloc interface. A static link that needed any of
 * these from libc.a would bring glibc's whole allocator along, and with it a
 * second malloc: so xmig defines them all, as far as they mean anything
 * here. */
#define _GNU_SOURCE
#include "arena.h"
#include "census.h"
#include "page_spans.h"

#include <limits.h>
#include <malloc.h>
#include <stdio.h>

static int saturated(uint64_t value)
{
	return value > INT_MAX ? INT_MAX : (int)value;
}

struct mallinfo2 mallinfo2(void)
{
	struct heap_census census = xmig_heap_take_census();
	return (struct mallinfo2){
	        .arena = census.used_bytes,
	        .ordblks = census.free_spans,
	        .hblks = census.large_blocks,
	        .hblkhd = census.large_bytes,
	        .uordblks = census.small_bytes + census.large_bytes,
	        .fordblks = census.free_bytes,
	        .keepcost = census.top_bytes,
	};
}

struct mallinfo mallinfo(void)
{
	struct mallinfo2 info = mallinfo2();
	return (struct mallinfo){
	        .arena = saturated(info.arena),
	        .ordblks = saturated(info.ordblks),
	        .hblks = saturated(info.hblks),
	        .hblkhd = saturated(info.hblkhd),
	        .uordblks = saturated(info.uordblks),
	        .fordblks = saturated(info.fordblks),
	        .keepcost = saturated(info.keepcost),
	};
}

void malloc_stats(void)
{
	struct heap_census census = xmig_heap_take_census();
	fprintf(stderr,
	        "xmig heap:\n"
	        "used bytes       = %10llu\n"
	        "in use bytes     = %10llu (%llu small blocks, %llu large)\n"
	        "free bytes       = %10llu\n",
	        (unsigned long long)census.used_bytes,
	        (unsigned long long)(census.small_bytes + census.large_bytes),
	        (unsigned long long)census.small_blocks, (unsigned long long)census.large_blocks,
	        (unsigned long long)census.free_bytes);
}

int malloc_trim(size_t pad)
{
	(void)pad;
	return xmig_heap_attached ? xmig_heap_release_free_pages() : 0;
}

/* Tuning parameters of glibc's allocator, which has other knobs: accepted
 * and ignored. */
int mallopt(int parameter, int value)
{
	(void)parameter;
	(void)value;
	return 1;
}

int malloc_info(int options, FILE *stream)
{
	if (options != 0)
		return -1;
	struct heap_census census = xmig_heap_take_census();
	fprintf(stream,
	        "<malloc version=\"xmig-1\">\n"
	        "<total type=\"used\" size=\"%llu\"/>\n"
	        "<total type=\"in-use\" size=\"%llu\"/>\n"
	        "<total type=\"free\" size=\"%llu\"/>\n"
	        "</malloc>\n",
	        (unsigned long long)census.used_bytes,
	        (unsigned long long)(census.small_bytes + census.large_bytes),
	        (unsigned long long)census.free_bytes);
	return 0;
}

extern struct mallinfo __libc_mallinfo(void) __attribute__((alias("mallinfo")));
extern __typeof(mallopt) __libc_mallopt __attribute__((alias("mallopt")));
