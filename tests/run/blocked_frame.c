/* A run that cannot move to the other ISA: main keeps a struct stat live
 * (its layout differs between the ISAs) through a long loop of calls, each
 * loop iteration a migration point where the request is declined. With an
 * argument "spin" the loop makes no call at all, so it reaches no point. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static __attribute__((noinline)) unsigned long step(unsigned long value, long i)
{
	return value * 6364136223846793005ul + (unsigned long)i;
}

int main(int argc, char **argv)
{
	struct stat status;
	unsigned long value = (unsigned long)argc;
	long rounds = 100000000;
	if (stat(argv[0], &status) != 0)
		return 1;
	if (argc > 1 && strcmp(argv[1], "spin") == 0) {
		/* About as long as the calls below: a step here is a multiply. */
		for (long i = 0; i < 40 * rounds; i++)
			value = value * 6364136223846793005ul + (unsigned long)i;
	} else {
		for (long i = 0; i < rounds; i++)
			value = step(value, i);
	}
	printf("%lu %d\n", value % 1000003, status.st_size > 0);
	return 3;
}
