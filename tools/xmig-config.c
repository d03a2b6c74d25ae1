/* xmig-config: where an installed xmig keeps its pieces, and the flags that
 * compile and link a program for one ISA with them. Every path is derived
 * from the location of this executable, so a prefix can be moved as a whole. */
#define _GNU_SOURCE
#include "prefix.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *const known_isas[] = {"x86_64", "aarch64"};

/* XMIG_PROGRAM_CFLAGS comes from cmake/XmigPlatform.cmake, the one place that
 * lists the flags every migratable program is compiled with. */
static const char program_flags[] = XMIG_PROGRAM_CFLAGS;

static void usage(FILE *out)
{
	fputs("usage: xmig-config OPTION\n"
	      "  --prefix          the installation prefix\n"
	      "  --plugin          the path of migpoint.so\n"
	      "  --runtime ISA     the path of ISA's libxmig.a\n"
	      "  --cflags ISA      flags that compile a migratable program for ISA\n"
	      "  --ldflags ISA     flags that link it (after the objects)\n"
	      "  --isas            the ISAs xmig builds for\n"
	      "  --version         xmig's version\n"
	      "  --help            this text\n"
	      "ISA is x86_64 or aarch64.\n",
	      out);
}

static const char *checked_isa(const char *option, const char *isa)
{
	if (!isa) {
		fprintf(stderr, "xmig-config: %s needs an ISA (x86_64 or aarch64)\n", option);
		return NULL;
	}
	for (size_t i = 0; i < sizeof known_isas / sizeof known_isas[0]; i++)
		if (strcmp(isa, known_isas[i]) == 0)
			return isa;
	fprintf(stderr, "xmig-config: unknown ISA '%s' (known: x86_64, aarch64)\n", isa);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		usage(stderr);
		return 2;
	}
	const char *option = argv[1];
	const char *argument = argc == 3 ? argv[2] : NULL;

	if (strcmp(option, "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(option, "--version") == 0) {
		puts(XMIG_VERSION);
		return 0;
	}
	if (strcmp(option, "--isas") == 0) {
		puts("x86_64 aarch64");
		return 0;
	}

	int takes_isa = strcmp(option, "--runtime") == 0 || strcmp(option, "--cflags") == 0 ||
	                strcmp(option, "--ldflags") == 0;
	const char *isa = NULL;
	if (takes_isa && !(isa = checked_isa(option, argument)))
		return 2;

	char prefix[PATH_MAX];
	if (xmig_find_prefix("xmig-config", prefix, sizeof prefix) != 0)
		return 1;

	if (strcmp(option, "--prefix") == 0) {
		puts(prefix);
	} else if (strcmp(option, "--plugin") == 0) {
		printf("%s/lib/migpoint.so\n", prefix);
	} else if (strcmp(option, "--runtime") == 0) {
		printf("%s/lib/%s/libxmig.a\n", prefix, isa);
	} else if (strcmp(option, "--cflags") == 0) {
		printf("--target=%s-linux-gnu %s -isystem %s/include/xmig/libc "
		       "-fpass-plugin=%s/lib/migpoint.so\n",
		       isa, program_flags, prefix, prefix);
	} else if (strcmp(option, "--ldflags") == 0) {
		printf("--target=%s-linux-gnu -static -fuse-ld=lld %s/lib/%s/libxmig.a -lm\n", isa,
		       prefix, isa);
	} else {
		fprintf(stderr, "xmig-config: unknown option '%s'\n", option);
		usage(stderr);
		return 2;
	}
	return 0;
}
