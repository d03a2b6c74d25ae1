/* The runtime's heap, linked the way every xmig program links it (libxmig.a
 * before libc.a): bootstrap blocks before the arena exists, then every entry
 * point of the malloc family over the arena, its alignment, reuse, large
 * blocks, exhaustion and misuse, and a long random run checked against a
 * model of what each block must hold. Built with -fno-builtin, so that the
 * compiler keeps every call and every comparison of addresses. */
#define _GNU_SOURCE
#include "arena.h"
#include "arena_layout.h"
#include "census.h"
#include "check.h"
#include "consistency.h"
#include "xmig/heap.h"
#include "xmig/layout.h"
#include "xmig/ranges.h"

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KIB ((size_t)1 << 10)
#define MIB ((size_t)1 << 20)
#define GIB ((size_t)1 << 30)

#define CHECK_HEAP_CONSISTENT()                                                                    \
	do {                                                                                       \
		const char *problem = xmig_heap_check();                                           \
		if (problem != NULL) {                                                             \
			fprintf(stderr, "%s:%d: heap inconsistent: %s\n", __FILE__, __LINE__,      \
			        problem);                                                          \
			exit(EXIT_FAILURE);                                                        \
		}                                                                                  \
	} while (0)

void *__libc_malloc(size_t size);
void __libc_free(void *pointer);

static int in_arena(const void *pointer)
{
	return (uintptr_t)pointer - XMIG_HEAP_ARENA_BASE < XMIG_HEAP_ARENA_SIZE;
}

/* Keeps the compiler from judging the invalid alignments the tests pass. */
static size_t unknown_to_the_compiler(size_t value)
{
	volatile size_t hidden = value;
	return hidden;
}

static int is_aligned(const void *pointer, size_t alignment)
{
	return (uintptr_t)pointer % alignment == 0;
}

static unsigned char pattern_byte(uint64_t seed, size_t at)
{
	uint64_t mixed = (seed + at) * 0x9e3779b97f4a7c15ULL;
	return (unsigned char)(mixed >> 56);
}

static void fill(void *block, size_t size, uint64_t seed)
{
	for (size_t at = 0; at < size; at++)
		((unsigned char *)block)[at] = pattern_byte(seed, at);
}

static int holds(const void *block, size_t size, uint64_t seed)
{
	for (size_t at = 0; at < size; at++)
		if (((const unsigned char *)block)[at] != pattern_byte(seed, at))
			return 0;
	return 1;
}

static int all_zero(const void *block, size_t size)
{
	for (size_t at = 0; at < size; at++)
		if (((const unsigned char *)block)[at] != 0)
			return 0;
	return 1;
}

static uint64_t random_state = 0x2545f4914f6cdd1dULL;

static uint64_t random_below(uint64_t bound)
{
	random_state ^= random_state >> 12;
	random_state ^= random_state << 25;
	random_state ^= random_state >> 27;
	return (random_state * 0x2545f4914f6cdd1dULL >> 11) % bound;
}

/* The wait status of a child that runs the function. */
static int status_of_child(void (*function)(void))
{
	fflush(NULL);
	pid_t child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		/* Misuse is reported: keep the report out of the test's output. */
		freopen("/dev/null", "w", stderr);
		function();
		_exit(0);
	}
	int status;
	CHECK(waitpid(child, &status, 0) == child);
	return status;
}

static void check_aborts(void (*misuse)(void))
{
	int status = status_of_child(misuse);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

/* Before the arena is mapped (the runtime's main maps it after libc's
 * start-up), blocks come from the bootstrap area. */
struct bootstrap_blocks {
	char *plain;
	char *aligned;
	char *zeroed;
};

static struct bootstrap_blocks test_allocates_from_bootstrap_before_the_arena(void)
{
	CHECK(!xmig_heap_attached);
	CHECK(xmig_heap_used_end() == XMIG_HEAP_ARENA_BASE);
	struct xmig_heap_extent extents[XMIG_HEAP_EXTENT_COUNT];
	CHECK(xmig_heap_used_extents(extents) == 0);

	struct bootstrap_blocks blocks;
	blocks.plain = malloc(100);
	CHECK(blocks.plain != NULL && !in_arena(blocks.plain) && is_aligned(blocks.plain, 16));
	fill(blocks.plain, 100, 1);
	CHECK(malloc_usable_size(blocks.plain) >= 100);
	CHECK(posix_memalign((void **)&blocks.aligned, 256, 40) == 0);
	CHECK(!in_arena(blocks.aligned) && is_aligned(blocks.aligned, 256));
	blocks.zeroed = calloc(10, 10);
	CHECK(blocks.zeroed != NULL && all_zero(blocks.zeroed, 100));
	CHECK(holds(blocks.plain, 100, 1));
	CHECK(!xmig_heap_attached);
	return blocks;
}

static void test_attaches_once_the_arena_is_mapped(void)
{
	void *first = malloc(1);
	CHECK(first != NULL && in_arena(first));
	CHECK(xmig_heap_attached);
	/* The allocator's state is the arena's header; blocks lie above it. */
	CHECK(heap_state()->magic == HEAP_MAGIC);
	CHECK(in_arena(heap_state()) && (uintptr_t)heap_state() == XMIG_HEAP_ARENA_BASE);
	CHECK((uintptr_t)first >= (uintptr_t)heap_page_address(HEAP_DATA_FIRST_PAGE));
	free(first);
	CHECK_HEAP_CONSISTENT();
}

static void test_moves_bootstrap_blocks_into_the_arena(struct bootstrap_blocks blocks)
{
	char *moved = realloc(blocks.plain, 5000);
	CHECK(moved != NULL && in_arena(moved) && holds(moved, 100, 1));
	free(moved);
	/* Bootstrap blocks are never reused, but freeing them is fine. */
	free(blocks.aligned);
	free(blocks.zeroed);
	CHECK_HEAP_CONSISTENT();
}

static void test_metadata_lies_inside_the_arena(void)
{
	void *small = malloc(40);
	void *large = malloc(3 * MIB);
	struct xmig_heap_extent extents[XMIG_HEAP_EXTENT_COUNT];
	unsigned count = xmig_heap_used_extents(extents);
	CHECK(count == 2);
	CHECK(extents[0].start == XMIG_HEAP_ARENA_BASE);
	CHECK(extents[0].end > extents[0].start && extents[0].end <= extents[1].start);
	CHECK(extents[1].end <= xmig_range_usable_end(&xmig_heap_arena_range));
	/* The header and the descriptors of every page in use lie in the first
	 * extent, the blocks in the second. */
	CHECK((uintptr_t)heap_state() + sizeof(struct heap_state) <= extents[0].end);
	uint64_t large_page = ((uintptr_t)large - XMIG_HEAP_ARENA_BASE) >> HEAP_PAGE_SHIFT;
	CHECK((uintptr_t)(heap_page(large_page) + 1) <= extents[0].end);
	CHECK((uintptr_t)small >= extents[1].start && (uintptr_t)small < extents[1].end);
	CHECK((uintptr_t)large + 3 * MIB <= extents[1].end);
	CHECK(xmig_heap_used_end() == extents[1].end);
	free(small);
	free(large);
	CHECK_HEAP_CONSISTENT();
}

static void test_malloc_zero_gives_distinct_blocks(void)
{
	char *first = malloc(0);
	char *second = malloc(0);
	CHECK(first != NULL && second != NULL && first != second);
	CHECK(in_arena(first) && in_arena(second));
	free(first);
	free(second);
}

static void test_every_block_is_aligned_and_big_enough(void)
{
	static void *blocks[600];
	size_t count = 0;
	for (size_t size = 1; size <= 40000; size += size / 8 + 1)
		blocks[count++] = malloc(size);
	for (size_t i = 0; i < count; i++) {
		CHECK(blocks[i] != NULL && in_arena(blocks[i]) && is_aligned(blocks[i], 16));
		memset(blocks[i], 0x5a, malloc_usable_size(blocks[i]));
	}
	size_t size = 1;
	for (size_t i = 0; i < count; i++, size += size / 8 + 1) {
		CHECK(malloc_usable_size(blocks[i]) >= size);
		/* Its usable bytes are its own: nothing else was written there. */
		unsigned char expected = 0x5a;
		CHECK(memchr(blocks[i], expected ^ 0xff, malloc_usable_size(blocks[i])) == NULL);
		free(blocks[i]);
	}
	CHECK(malloc_usable_size(NULL) == 0);
	CHECK_HEAP_CONSISTENT();
}

static void test_reuses_freed_blocks(void)
{
	static const size_t sizes[] = {1, 16, 100, 1000, 9000, 32 * KIB, 40 * KIB, MIB, 5 * MIB};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		void *first = malloc(sizes[i]);
		CHECK(first != NULL);
		free(first);
		void *again = malloc(sizes[i]);
		CHECK(again == first);
		free(again);
	}

	/* The pages of a freed large block serve small blocks too. */
	char *large = malloc(MIB);
	char *pin = malloc(MIB);
	free(large);
	int reused = 0;
	static void *small[200];
	for (size_t i = 0; i < 200; i++) {
		small[i] = malloc(3000);
		reused |= (char *)small[i] >= large && (char *)small[i] < large + MIB;
	}
	CHECK(reused);
	for (size_t i = 0; i < 200; i++)
		free(small[i]);
	free(pin);
	CHECK_HEAP_CONSISTENT();
}

static void test_realloc_keeps_contents(void)
{
	char *block = realloc(NULL, 10);
	CHECK(block != NULL && in_arena(block));
	fill(block, 10, 7);
	block = realloc(block, 12); /* the same size class: it stays */
	CHECK(holds(block, 10, 7));
	fill(block, 12, 8);
	char *grown = realloc(block, 3000);
	CHECK(grown != NULL && holds(grown, 12, 8));
	fill(grown, 3000, 9);
	char *large = realloc(grown, 300 * KIB);
	CHECK(large != NULL && holds(large, 3000, 9));
	fill(large, 300 * KIB, 10);
	char *shrunk = realloc(large, 100 * KIB);
	CHECK(shrunk == large && holds(shrunk, 100 * KIB, 10));
	CHECK(malloc_usable_size(shrunk) < 300 * KIB); /* its tail is free again */
	char *small = realloc(shrunk, 100);
	CHECK(small != NULL && small != shrunk && holds(small, 100, 10));

	/* A large block at the top of the heap grows where it is. No free span
	 * is this long yet, so the block comes from the top. */
	char *top = malloc(32 * MIB);
	CHECK((uintptr_t)top + 32 * MIB == xmig_heap_used_end());
	fill(top, MIB, 11);
	char *larger = realloc(top, 48 * MIB);
	CHECK(larger == top && holds(larger, MIB, 11));
	CHECK((uintptr_t)larger + 48 * MIB == xmig_heap_used_end());
	free(larger);

	/* realloc to zero frees, as glibc's does. */
	errno = 0;
	CHECK(realloc(small, 0) == NULL);
	CHECK(errno == 0);
	CHECK(malloc(100) == small);
	free(small);
	CHECK_HEAP_CONSISTENT();
}

static void test_large_blocks_merge_when_freed(void)
{
	uint64_t end_before = xmig_heap_used_end();
	char *huge = malloc(64 * MIB);
	CHECK(huge != NULL && is_aligned(huge, HEAP_PAGE_SIZE));
	huge[0] = 1;
	huge[64 * MIB - 1] = 2;
	CHECK(xmig_heap_used_end() >= end_before + 64 * MIB);
	free(huge);
	/* The top comes down again: capture copies less. */
	CHECK(xmig_heap_used_end() == end_before);

	char *first = malloc(MIB);
	char *second = malloc(MIB);
	char *pin = malloc(MIB);
	CHECK(second == first + MIB && pin == second + MIB);
	free(first);
	free(second);
	char *both = malloc(2 * MIB);
	CHECK(both == first);

	/* A large block grows in place into the free pages after it. */
	free(both);
	first = malloc(MIB);
	CHECK(first == both);
	fill(first, MIB, 3);
	char *grown = realloc(first, 2 * MIB);
	CHECK(grown == first && holds(grown, MIB, 3));
	/* And moves when they are taken. */
	char *moved = realloc(grown, 4 * MIB);
	CHECK(moved != grown && holds(moved, MIB, 3));
	free(moved);
	free(pin);
	CHECK(xmig_heap_used_end() == end_before);
	CHECK_HEAP_CONSISTENT();
}

static void test_calloc_zeroes_reused_memory(void)
{
	char *dirty = malloc(256);
	memset(dirty, 0xaa, 256);
	free(dirty);
	char *zeroed = calloc(16, 16);
	CHECK(zeroed == dirty && all_zero(zeroed, 256));
	free(zeroed);

	char *pin = malloc(16);
	char *dirty_large = malloc(2 * MIB);
	char *pin_large = malloc(16 * KIB);
	memset(dirty_large, 0xaa, 2 * MIB);
	free(dirty_large);
	char *zeroed_large = calloc(1, 2 * MIB);
	CHECK(zeroed_large == dirty_large && all_zero(zeroed_large, 2 * MIB));
	free(zeroed_large);
	free(pin_large);
	free(pin);

	/* Fresh pages at the top are zero already; calloc must still be right. */
	char *fresh = calloc(3, MIB);
	CHECK(fresh != NULL && all_zero(fresh, 3 * MIB));
	free(fresh);

	/* Only memory never handed out is left as it is: right below the heap's
	 * high-water mark, calloc clears what it reuses. */
	struct heap_state *heap = heap_state();
	uint64_t below_mark = (heap->clean_page - heap->top_page) << HEAP_PAGE_SHIFT;
	char *filler = below_mark != 0 ? malloc(below_mark) : NULL;
	CHECK(heap->top_page == heap->clean_page);
	char *first_use = malloc(3 * MIB);
	CHECK((uintptr_t)first_use + 3 * MIB == (uintptr_t)heap_page_address(heap->clean_page));
	memset(first_use, 0xaa, 3 * MIB);
	free(first_use);
	char *reused = calloc(1, 3 * MIB);
	CHECK(reused == first_use && all_zero(reused, 3 * MIB));
	free(reused);
	free(filler);

	char *empty = calloc(0, 5);
	CHECK(empty != NULL);
	free(empty);

	errno = 0;
	CHECK(calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(calloc((size_t)1 << 33, (size_t)1 << 33) == NULL && errno == ENOMEM);
	CHECK_HEAP_CONSISTENT();
}

static void test_aligned_allocations(void)
{
	static const size_t sizes[] = {0, 1, 100, 5000, 40 * KIB, 200 * KIB};
	for (size_t alignment = sizeof(void *); alignment <= 4 * MIB; alignment *= 2) {
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			void *block = NULL;
			CHECK(posix_memalign(&block, alignment, sizes[i]) == 0);
			CHECK(block != NULL && in_arena(block) && is_aligned(block, alignment));
			CHECK(malloc_usable_size(block) >= sizes[i]);
			memset(block, 0x11, sizes[i]);
			char *aligned = aligned_alloc(alignment, sizes[i]);
			CHECK(aligned != NULL && is_aligned(aligned, alignment));
			char *old_style = memalign(alignment, sizes[i]);
			CHECK(old_style != NULL && is_aligned(old_style, alignment));
			free(block);
			free(aligned);
			free(old_style);
		}
	}
	CHECK_HEAP_CONSISTENT();

	/* Small aligned blocks come from size classes, not a page each. */
	char *first = aligned_alloc(64, 64);
	char *second = aligned_alloc(64, 64);
	CHECK(is_aligned(first, 64) && is_aligned(second, 64));
	CHECK((size_t)(first > second ? first - second : second - first) < HEAP_PAGE_SIZE);
	free(first);
	free(second);

	/* memalign rounds an alignment up to a power of two, like glibc's. */
	char *rounded = memalign(unknown_to_the_compiler(48), 10);
	CHECK(rounded != NULL && is_aligned(rounded, 64));
	free(rounded);
	char *page = valloc(10);
	CHECK(page != NULL && is_aligned(page, (size_t)sysconf(_SC_PAGESIZE)));
	free(page);
	char *pages = pvalloc(1);
	CHECK(pages != NULL && is_aligned(pages, (size_t)sysconf(_SC_PAGESIZE)));
	CHECK(malloc_usable_size(pages) >= (size_t)sysconf(_SC_PAGESIZE));
	free(pages);

	void *untouched = (void *)&untouched;
	void *result = untouched;
	CHECK(posix_memalign(&result, 24, 8) == EINVAL && result == untouched);
	CHECK(posix_memalign(&result, 0, 8) == EINVAL && result == untouched);
	CHECK(posix_memalign(&result, sizeof(void *) / 2, 8) == EINVAL && result == untouched);
	CHECK(posix_memalign(&result, 16, SIZE_MAX) == ENOMEM && result == untouched);
	CHECK(posix_memalign(&result, (size_t)1 << 40, 8) == ENOMEM && result == untouched);
	errno = 0;
	CHECK(aligned_alloc(unknown_to_the_compiler(24), 48) == NULL && errno == EINVAL);
	errno = 0;
	CHECK(memalign(unknown_to_the_compiler(SIZE_MAX), 8) == NULL && errno == EINVAL);
	CHECK_HEAP_CONSISTENT();
}

static void test_huge_requests_fail_with_enomem(void)
{
	static const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 4096, 17 * GIB, XMIG_HEAP_ARENA_SIZE};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		errno = 0;
		CHECK(malloc(sizes[i]) == NULL && errno == ENOMEM);
	}
	char *block = malloc(100);
	fill(block, 100, 4);
	errno = 0;
	CHECK(realloc(block, SIZE_MAX) == NULL && errno == ENOMEM);
	CHECK(holds(block, 100, 4)); /* a failed realloc leaves the block alone */
	errno = 0;
	CHECK(pvalloc(SIZE_MAX) == NULL && errno == ENOMEM);
	free(block);
	CHECK_HEAP_CONSISTENT();
}

static void test_exhausting_the_arena_fails_cleanly(void)
{
	uint64_t used = xmig_heap_used_end() - XMIG_HEAP_ARENA_BASE;
	uint64_t previous_limit = xmig_heap_set_limit(used + 8 * MIB);

	static void *blocks[100000];
	size_t count = 0;
	errno = 0;
	while (count < 100 && (blocks[count] = malloc(MIB)) != NULL)
		count++;
	CHECK(count >= 7 && count < 100 && errno == ENOMEM);
	size_t large_count = count;
	/* Small blocks run out too, once no page is left for a new run. */
	errno = 0;
	while (count < 100000 && (blocks[count] = malloc(2000)) != NULL)
		count++;
	CHECK(count < 100000 && errno == ENOMEM);
	CHECK_HEAP_CONSISTENT();

	for (size_t i = 0; i < count; i++)
		free(blocks[i]);
	for (size_t i = 0; i < large_count; i++) {
		blocks[i] = malloc(MIB);
		CHECK(blocks[i] != NULL);
	}
	for (size_t i = 0; i < large_count; i++)
		free(blocks[i]);
	xmig_heap_set_limit(previous_limit);
	CHECK_HEAP_CONSISTENT();
}

static void test_libc_allocates_from_the_arena(void)
{
	char *copy = strdup("carried across ISAs");
	CHECK(copy != NULL && in_arena(copy));
	free(copy);

	char *formatted = NULL;
	CHECK(asprintf(&formatted, "%d %s", 42, "formatted") > 0);
	CHECK(in_arena(formatted) && strcmp(formatted, "42 formatted") == 0);
	free(formatted);

	char *buffer = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&buffer, &length);
	CHECK(stream != NULL && in_arena(stream));
	CHECK(malloc_info(0, stream) == 0);
	CHECK(fclose(stream) == 0);
	CHECK(in_arena(buffer) && strstr(buffer, "<malloc") != NULL);
	free(buffer);

	void *internal = __libc_malloc(32);
	CHECK(in_arena(internal));
	__libc_free(internal);
	CHECK_HEAP_CONSISTENT();
}

static void test_glibc_statistics_describe_the_heap(void)
{
	struct mallinfo2 before = mallinfo2();
	void *block = malloc(5 * MIB);
	struct mallinfo2 during = mallinfo2();
	CHECK(during.uordblks >= before.uordblks + 5 * MIB);
	CHECK(during.hblks == before.hblks + 1);
	CHECK(during.arena >= before.arena + 5 * MIB);
	free(block);
	struct mallinfo2 after = mallinfo2();
	CHECK(after.uordblks == before.uordblks);
	CHECK(mallopt(M_ARENA_MAX, 1) == 1);
	CHECK(malloc_trim(0) == 0 || malloc_trim(0) == 1);
	CHECK_HEAP_CONSISTENT();
}

static void adopt_the_heap_in_the_arena(void)
{
	char *dirty = malloc(5000);
	memset(dirty, 0xaa, 5000);
	free(dirty);
	char *large = malloc(MIB);
	fill(large, MIB, 12);
	/* As in a process to which the heap migrated: its first allocation
	 * finds the arena mapped and holding a heap, which it continues. */
	xmig_heap_attached = 0;
	char *zeroed = calloc(1, 5000);
	char *other = malloc(MIB);
	int continued = xmig_heap_attached && zeroed == dirty && all_zero(zeroed, 5000) &&
	                other != NULL && (other + MIB <= large || other >= large + MIB) &&
	                holds(large, MIB, 12) && xmig_heap_check() == NULL;
	_exit(continued ? 0 : 1);
}

static void test_adopts_the_heap_in_the_arena(void)
{
	int status = status_of_child(adopt_the_heap_in_the_arena);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void free_a_stack_address(void)
{
	int local = 0;
	void *volatile pointer = &local;
	free(pointer);
}

static void free_a_large_block_twice(void)
{
	void *block = malloc(MIB);
	void *pin = malloc(MIB);
	free(block);
	free(block);
	free(pin);
}

static void free_inside_a_block(void)
{
	char *block = malloc(200 * KIB);
	free(block + 16);
}

static void free_the_heap_header(void)
{
	free(heap_state());
}

static void test_misuse_aborts(void)
{
	check_aborts(free_a_stack_address);
	check_aborts(free_a_large_block_twice);
	check_aborts(free_inside_a_block);
	check_aborts(free_the_heap_header);
}

/* A model of every live block: its size and the seed of its contents. */
struct modelled_block {
	char *block;
	size_t size;
	uint64_t seed;
};

static size_t random_size(void)
{
	uint64_t kind = random_below(1000);
	if (kind < 700)
		return (size_t)random_below(256) + 1;
	if (kind < 950)
		return (size_t)random_below(4 * KIB) + 1;
	if (kind < 995)
		return (size_t)random_below(256 * KIB) + 1;
	return (size_t)random_below(4 * MIB) + 1;
}

static void allocate_modelled(struct modelled_block *slot, uint64_t choice, uint64_t seed)
{
	size_t size = random_size();
	char *block;
	if (choice == 0) {
		block = calloc(1, size);
		CHECK(block != NULL && all_zero(block, size));
	} else if (choice == 1) {
		size_t alignment = (size_t)16 << random_below(10);
		CHECK(posix_memalign((void **)&block, alignment, size) == 0);
		CHECK(is_aligned(block, alignment));
	} else {
		block = malloc(size);
	}
	CHECK(block != NULL && in_arena(block) && is_aligned(block, 16));
	CHECK(malloc_usable_size(block) >= size);
	*slot = (struct modelled_block){block, size, seed};
	fill(block, size, seed);
}

static void reallocate_modelled(struct modelled_block *slot, uint64_t seed)
{
	size_t size = random_size();
	CHECK(holds(slot->block, slot->size, slot->seed));
	char *moved = realloc(slot->block, size);
	CHECK(moved != NULL && in_arena(moved) && is_aligned(moved, 16));
	CHECK(holds(moved, size < slot->size ? size : slot->size, slot->seed));
	*slot = (struct modelled_block){moved, size, seed};
	fill(moved, size, seed);
}

static void free_modelled(struct modelled_block *slot)
{
	CHECK(holds(slot->block, slot->size, slot->seed));
	free(slot->block);
	slot->block = NULL;
}

static void test_random_operations_keep_every_block_intact(void)
{
	enum { SLOTS = 1500, OPERATIONS = 60000 };
	static struct modelled_block slots[SLOTS];
	struct heap_census before = xmig_heap_take_census();
	for (uint64_t operation = 0; operation < OPERATIONS; operation++) {
		struct modelled_block *slot = &slots[random_below(SLOTS)];
		uint64_t choice = random_below(10);
		if (slot->block == NULL)
			allocate_modelled(slot, choice, operation);
		else if (choice < 3)
			reallocate_modelled(slot, operation);
		else
			free_modelled(slot);
		if (operation % 5000 == 0)
			CHECK_HEAP_CONSISTENT();
	}
	CHECK_HEAP_CONSISTENT();
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].block != NULL)
			free_modelled(&slots[i]);
	CHECK_HEAP_CONSISTENT();
	struct heap_census after = xmig_heap_take_census();
	CHECK(after.large_blocks == before.large_blocks &&
	      after.small_blocks == before.small_blocks);
}

int main(void)
{
	struct bootstrap_blocks bootstrap = test_allocates_from_bootstrap_before_the_arena();
	CHECK(xmig_reserve_range(&xmig_heap_arena_range) == 0);
	test_attaches_once_the_arena_is_mapped();
	test_moves_bootstrap_blocks_into_the_arena(bootstrap);
	test_metadata_lies_inside_the_arena();
	test_malloc_zero_gives_distinct_blocks();
	test_every_block_is_aligned_and_big_enough();
	test_reuses_freed_blocks();
	test_realloc_keeps_contents();
	test_large_blocks_merge_when_freed();
	test_calloc_zeroes_reused_memory();
	test_aligned_allocations();
	test_huge_requests_fail_with_enomem();
	test_exhausting_the_arena_fails_cleanly();
	test_libc_allocates_from_the_arena();
	test_glibc_statistics_describe_the_heap();
	test_adopts_the_heap_in_the_arena();
	test_misuse_aborts();
	test_random_operations_keep_every_block_intact();
	puts("heap_test: all checks passed");
	return 0;
}
