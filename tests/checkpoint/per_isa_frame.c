/* A frame that cannot move between the ISAs: main keeps a struct stat,
 * which glibc lays out in 144 bytes on x86_64 and 128 on aarch64, so its
 * data-stack frame has another layout on each ISA and none of its sites
 * pair. main itself has no migration point (before stat() the local is dead,
 * and a capture there would be fine), so every point of the run has main's
 * frame below it, holding the live struct. */
#include <stdio.h>
#include <sys/stat.h>

static __attribute__((noinline)) long mix(long value)
{
	return value ^ (value >> 7);
}

/* Not a leaf, so it has an entry point (docs/plugin.md). */
static __attribute__((noinline)) long step(long value, int i)
{
	return mix(value * 31 + i);
}

__attribute__((annotate("xmig-no-points"))) int main(int argc, char **argv)
{
	struct stat status;
	long value = argc;
	if (stat(argv[0], &status) != 0)
		return 1;
	for (int i = 0; i < 2000; i++)
		value = step(value, i) % 1000003;
	printf("%ld %d\n", value, status.st_size > 0);
	return 0;
}
