/* Stresses: process exit from deep inside the program — exit(3) called from a
 * function several call levels down, with output still in stdout's buffer,
 * and two atexit handlers (run in reverse order of registration) that print.
 * The expected exit status is 3, not 0. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define EXPECTED_STATUS 3

static uint64_t checksum = 0xcbf29ce484222325ULL;
static int handlers_run;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

static void first_registered(void)
{
	handlers_run++;
	printf("atexit: first registered, ran %s (handlers so far %d)\n",
	       handlers_run == 2 ? "second" : "out of order", handlers_run);
	printf("checksum: %016llx\n", (unsigned long long)checksum);
}

static void second_registered(void)
{
	handlers_run++;
	printf("atexit: second registered, ran %s\n", handlers_run == 1 ? "first" : "out of order");
}

static long collatz_steps(long n)
{
	long steps = 0;
	while (n != 1) {
		n = n % 2 ? 3 * n + 1 : n / 2;
		steps++;
	}
	return steps;
}

static void level4(int depth, long carry)
{
	long local[4] = {carry, carry * 2 + 1, depth, collatz_steps(carry % 10000 + 1)};
	feed((uint64_t)(local[0] + local[1] + local[2] + local[3]));
	printf("level4: depth %d carry %ld collatz %ld", depth, carry, local[3]);
	/* No newline yet: exit() has to flush this partial line. */
	if (depth == 0) {
		printf(" -> exiting with status %d\n", EXPECTED_STATUS);
		printf("final line before exit (no newline)... ");
		exit(EXPECTED_STATUS);
	}
	printf("\n");
}

static long level3(int depth, long seed)
{
	long acc = seed;
	for (int i = 0; i < 5; i++) {
		acc = acc * 48271 % 1000003 + collatz_steps(acc % 5000 + 1);
		level4(depth + 1, acc);
	}
	if (depth == 0)
		level4(0, acc);
	printf("level3 never reaches here with depth %d\n", depth);
	return acc;
}

static long level2(int depth, long seed)
{
	double ratio = 1.0;
	for (int i = 1; i <= 20; i++)
		ratio = ratio * 1.25 - 0.125 * i;
	printf("level2: depth %d ratio %.17g\n", depth, ratio);
	feed((uint64_t)(int64_t)(ratio * 1024.0));
	return level3(depth - 1, seed + (long)ratio);
}

static long level1(int rounds)
{
	long total = 0;
	for (int r = 0; r < rounds; r++) {
		long steps = collatz_steps(27 + r);
		printf("level1: round %d collatz(%d) = %ld\n", r, 27 + r, steps);
		feed((uint64_t)steps);
		total += steps;
	}
	printf("level1: total %ld\n", total);
	return level2(1, total);
}

int main(void)
{
	if (atexit(first_registered) != 0 || atexit(second_registered) != 0) {
		printf("atexit failed\n");
		return 1;
	}
	long r = level1(6);
	printf("main should not get here (%ld)\n", r);
	return 0;
}
