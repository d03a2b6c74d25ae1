#define _POSIX_C_SOURCE 200809L
#include "standard_files.h"

#include "file_streams.h"
#include "heap/walk.h"
#include "xmig/layout.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

extern const char __xmig_data_start[] __attribute__((weak));
extern const char __xmig_data_end[] __attribute__((weak));
/* Where xmig-align placed the C library's stdout in both binaries, when it
 * was given both C libraries; xmig-check verified the other binary's. */
extern const char __xmig_aligned_stdout[] __attribute__((weak));

/* A pointer to stdout means stdout on either ISA. */
static int stdout_is_aligned(void)
{
	return (uintptr_t)__xmig_aligned_stdout != 0 &&
	       (uintptr_t)__xmig_aligned_stdout == (uintptr_t)stdout;
}

static const char *scan(uint64_t low, uint64_t high, uint64_t *at)
{
	const uint64_t files[] = {(uint64_t)(uintptr_t)stdin, (uint64_t)(uintptr_t)stdout,
	                          (uint64_t)(uintptr_t)stderr};
	static const char *const reasons[] = {
	        "a copy of stdin is stored in migrated memory, and the other ISA's stdin is "
	        "elsewhere",
	        "a copy of stdout is stored in migrated memory, and the other ISA's stdout is "
	        "elsewhere",
	        "a copy of stderr is stored in migrated memory, and the other ISA's stderr is "
	        "elsewhere",
	};
	/* A stream that migrates has one address in both (file_streams.h). */
	const int moves[] = {xmig_file_stream_migrates(stdin),
	                     stdout_is_aligned() || xmig_file_stream_migrates(stdout),
	                     xmig_file_stream_migrates(stderr)};
	low = (low + 7) & ~(uint64_t)7;
	for (uint64_t address = low; address + 8 <= high; address += 8) {
		uint64_t word;
		memcpy(&word, (const void *)(uintptr_t)address, sizeof word);
		for (int i = 0; i < 3; i++)
			if (word == files[i] && !moves[i]) {
				*at = address;
				return reasons[i];
			}
	}
	return NULL;
}

struct heap_scan {
	const char *found;
	uint64_t at;
};

static int scan_block(const char *block, uint64_t size, void *context)
{
	struct heap_scan *heap = context;
	heap->found =
	        scan((uint64_t)(uintptr_t)block, (uint64_t)(uintptr_t)block + size, &heap->at);
	return heap->found != NULL;
}

static const char *scan_migrated_memory(uint64_t data_stack_top, uint64_t *at)
{
	const char *found = scan((uint64_t)(uintptr_t)__xmig_data_start,
	                         (uint64_t)(uintptr_t)__xmig_data_end, at);
	if (!found)
		found = scan(XMIG_DATA_STACK_BASE, data_stack_top, at);
	if (found)
		return found;
	/* Blocks in use only: a stream libc has closed leaves its links to
	 * the standard streams in the freed block. */
	struct heap_scan heap = {NULL, 0};
	xmig_heap_for_each_block(scan_block, &heap);
	*at = heap.at;
	return heap.found;
}

static double seconds_since(const struct timespec *from)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - from->tv_sec) + (double)(now.tv_nsec - from->tv_nsec) * 1e-9;
}

/* A copy in memory is there to stay, as a rule (a stream's state, a
 * logger's), and the scan reads all of migrated memory at every point
 * while a request waits. So a scan that found one is trusted for ten times
 * as long as it took, which keeps a request that cannot be served from
 * slowing the program by more than a tenth; a scan that found none is not
 * remembered, and declines for other reasons are decided afresh at every
 * point. */
const char *xmig_standard_file_copies(uint64_t data_stack_top, uint64_t *at)
{
	static const char *last_found;
	static uint64_t last_at;
	static struct timespec last_scan;
	static double last_duration;
	if (last_found && seconds_since(&last_scan) < 10 * last_duration) {
		*at = last_at;
		return last_found;
	}
	clock_gettime(CLOCK_MONOTONIC, &last_scan);
	last_found = scan_migrated_memory(data_stack_top, &last_at);
	last_duration = seconds_since(&last_scan);
	*at = last_at;
	return last_found;
}
