/* Prints the raw values of pointers into aligned code and data: functions
 * stored in globals and on the heap, string literals, static locals, constant
 * tables, globals. The x86_64 and the aarch64 binary must print the same
 * values, since migrated memory holds such pointers and is never rewritten;
 * each value is also checked to lie in its aligned range. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Defined by the linker scripts xmig-align writes. */
extern const char __xmig_text_start[], __xmig_text_end[];
extern const char __xmig_rodata_start[], __xmig_rodata_end[];
extern char __xmig_data_start[], __xmig_data_end[];

typedef long (*operation)(long);

static long twice(long x)
{
	return 2 * x;
}

static long square(long x)
{
	return x * x;
}

long negate(long x)
{
	return -x;
}

static const operation operation_table[] = {twice, square, negate};
operation chosen_operation = square;
static const char *const greetings[] = {"hello", "bonjour", "hallo"};
const double constants[4] = {1.5, 2.25, -3.0, 1e-3};
int counters[8];
long initialized = 42;

struct callback_holder {
	operation operation;
	const char *label;
};

static int failures;

static void show(const char *what, const void *pointer, const char *start, const char *end)
{
	const char *address = pointer;
	int inside = address >= start && address < end;
	printf("%-28s %#018lx %s\n", what, (unsigned long)(uintptr_t)pointer,
	       inside ? "aligned" : "OUTSIDE");
	failures += !inside;
}

static int *next_ticket(void)
{
	static int ticket;
	ticket++;
	return &ticket;
}

int main(void)
{
	for (unsigned i = 0; i < sizeof operation_table / sizeof operation_table[0]; i++) {
		char what[32];
		snprintf(what, sizeof what, "operation_table[%u]", i);
		show(what, (const void *)operation_table[i], __xmig_text_start, __xmig_text_end);
		printf("  applied to 7: %ld\n", operation_table[i](7));
	}
	show("chosen_operation", (const void *)chosen_operation, __xmig_text_start,
	     __xmig_text_end);

	struct callback_holder *holder = malloc(sizeof *holder);
	if (!holder)
		return 1;
	holder->operation = negate;
	holder->label = "from the heap";
	show("heap callback", (const void *)holder->operation, __xmig_text_start, __xmig_text_end);
	show("heap label", holder->label, __xmig_rodata_start, __xmig_rodata_end);
	printf("  %s: %ld\n", holder->label, holder->operation(5));
	free(holder);

	for (unsigned i = 0; i < 3; i++) {
		char what[32];
		snprintf(what, sizeof what, "greetings[%u]", i);
		show(what, greetings[i], __xmig_rodata_start, __xmig_rodata_end);
	}
	const char *local_literal = "a literal in a local";
	show("local literal", local_literal, __xmig_rodata_start, __xmig_rodata_end);
	show("greetings table", greetings, __xmig_rodata_start, __xmig_rodata_end);
	show("constants table", constants, __xmig_rodata_start, __xmig_rodata_end);

	int *ticket = next_ticket();
	show("static local", ticket, __xmig_data_start, __xmig_data_end);
	show("static local again", next_ticket(), __xmig_data_start, __xmig_data_end);
	printf("  ticket: %d\n", *ticket);
	show("counters", counters, __xmig_data_start, __xmig_data_end);
	show("initialized", &initialized, __xmig_data_start, __xmig_data_end);
	show("chosen_operation (slot)", &chosen_operation, __xmig_data_start, __xmig_data_end);
	printf("%d pointers outside their aligned range\n", failures);
	return failures != 0;
}
