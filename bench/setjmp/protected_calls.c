/* The shape whose cost bench/setjmp/run measures: an interpreter's
 * protected call (Lua's luaD_rawrunprotected), a setjmp around a call, with
 * an error raised by longjmp from a few frames down on one call in eight.
 *   protected_calls CALLS */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

struct handler {
	struct handler *previous;
	jmp_buf buffer;
	volatile int status;
};

static struct handler *current;

static __attribute__((noinline)) long leaf(long value)
{
	if ((value & 7) == 3) {
		current->status = 1;
		longjmp(current->buffer, 1);
	}
	return value * 2654435761u % 1000003;
}

static __attribute__((noinline)) long middle(long value)
{
	return leaf(value + 1) + 1;
}

static __attribute__((noinline)) int protected_call(long value, long *result)
{
	struct handler handler;
	handler.previous = current;
	handler.status = 0;
	current = &handler;
	if (setjmp(handler.buffer) == 0)
		*result = middle(value);
	current = handler.previous;
	return handler.status;
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 1000000;
	long total = 0, result = 0;
	int errors = 0;
	for (long i = 0; i < calls; i++) {
		if (protected_call(i, &result))
			errors++;
		else
			total += result;
	}
	printf("%ld calls, %d errors, total %ld\n", calls, errors, total);
	return 0;
}
