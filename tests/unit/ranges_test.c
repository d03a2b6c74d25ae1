/* Reservation of the fixed ranges: exact addresses, guards that fault, and a
 * clean refusal when the range is already taken (which qemu-user reports by
 * returning another address instead of failing). */
#define _GNU_SOURCE
#include "check.h"
#include "xmig/layout.h"
#include "xmig/ranges.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf fault_return;

static void on_fault(int signal_number)
{
	siglongjmp(fault_return, signal_number);
}

static int touching_faults(volatile char *address)
{
	struct sigaction action = {.sa_handler = on_fault};
	struct sigaction previous;
	sigaction(SIGSEGV, &action, &previous);
	int faulted = sigsetjmp(fault_return, 1) != 0;
	if (!faulted)
		*address = 1;
	sigaction(SIGSEGV, &previous, NULL);
	return faulted;
}

static void test_reserves_at_exact_address_with_guards(void)
{
	const struct xmig_range range = {
	        .name = "test range",
	        .base = 0x7000000000UL,
	        .size = 1UL << 20,
	        .guard_below = XMIG_GUARD_SIZE,
	        .guard_above = XMIG_GUARD_SIZE,
	};
	CHECK(xmig_reserve_range(&range) == 0);

	char *first_usable = (char *)range.base + range.guard_below;
	char *last_usable = (char *)xmig_range_usable_end(&range) - 1;
	CHECK(!touching_faults(first_usable));
	CHECK(!touching_faults(last_usable));
	CHECK(*first_usable == 1 && *last_usable == 1);
	CHECK(touching_faults(first_usable - 1));
	CHECK(touching_faults(last_usable + 1));

	/* Taken now: a second reservation must fail and leave nothing behind. */
	errno = 0;
	CHECK(xmig_reserve_range(&range) == -1);
	CHECK(errno == EEXIST);
	CHECK(!touching_faults(first_usable));

	CHECK(munmap((void *)range.base, range.size) == 0);
}

static void test_refuses_partly_taken_range(void)
{
	void *squatter = mmap((void *)0x7100080000UL, 4096, PROT_READ,
	                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(squatter == (void *)0x7100080000UL);

	const struct xmig_range range = {
	        .name = "overlapping", .base = 0x7100000000UL, .size = 1UL << 20};
	errno = 0;
	CHECK(xmig_reserve_range(&range) == -1);
	CHECK(errno == EEXIST);

	CHECK(munmap(squatter, 4096) == 0);
}

static void test_refuses_malformed_ranges(void)
{
	const struct xmig_range above_limit = {
	        .name = "above 2^39", .base = XMIG_ADDRESS_LIMIT - 4096, .size = 8192};
	const struct xmig_range all_guard = {.name = "all guard",
	                                     .base = 0x7200000000UL,
	                                     .size = 8192,
	                                     .guard_below = 4096,
	                                     .guard_above = 4096};
	errno = 0;
	CHECK(xmig_reserve_range(&above_limit) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(xmig_reserve_range(&all_guard) == -1 && errno == EINVAL);
}

static void test_program_ranges_lie_below_address_limit(void)
{
	const struct xmig_range *ranges[] = {&xmig_heap_arena_range, &xmig_data_stack_range,
	                                     &xmig_native_stack_range};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		CHECK(ranges[i]->base + ranges[i]->size <= XMIG_ADDRESS_LIMIT);
		for (size_t j = i + 1; j < sizeof ranges / sizeof ranges[0]; j++)
			CHECK(ranges[i]->base + ranges[i]->size <= ranges[j]->base ||
			      ranges[j]->base + ranges[j]->size <= ranges[i]->base);
	}
}

int main(void)
{
	test_reserves_at_exact_address_with_guards();
	test_refuses_partly_taken_range();
	test_refuses_malformed_ranges();
	test_program_ranges_lie_below_address_limit();
	puts("ranges_test: all checks passed");
	return 0;
}
