/* xmig-align: reads both ISAs' objects and writes one ld.lld linker script per
#define _POSIX_C_SOURCE 200809L
 * ISA that gives every instrumented function and global the same address in
 * both binaries. Sizes come from the objects: no preliminary link. */
#include "input_sections.h"
#include "layout.h"
#include "script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const isa_names[2] = {"x86_64", "aarch64"};

static void usage(FILE *out)
{
	fputs("usage: xmig-align [-v] [-o DIR] [--x86_64-libc LIBC --aarch64-libc LIBC]\n"
	      "                  --x86_64 FILE... --aarch64 FILE...\n"
	      "Writes DIR/xmig-x86_64.ld and DIR/xmig-aarch64.ld (DIR defaults to .),\n"
	      "linker scripts that place every section both ISAs' objects define at the\n"
	      "same address. FILE is an object compiled with migpoint.so, or an archive\n"
	      "(the runtime's libxmig.a among them).\n"
	      "  --<isa>-libc LIBC  the static C library (libc.a) each ISA links: its\n"
	      "                     stdout then has one address in both binaries\n"
	      "  -v      print the layout and the sections only one ISA has\n"
	      "  --help  this text\n",
	      out);
}

struct arguments {
	const char *directory;
	int verbose;
	char **paths[2];
	size_t path_count[2];
	const char *libc[2];
};

static int parse_arguments(int argc, char **argv, struct arguments *arguments)
{
	int isa = -1;
	arguments->directory = ".";
	for (int i = 1; i < argc; i++) {
		const char *argument = argv[i];
		if (strcmp(argument, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(argument, "-v") == 0) {
			arguments->verbose = 1;
		} else if (strcmp(argument, "-o") == 0) {
			if (++i == argc) {
				fputs("xmig-align: -o needs a directory\n", stderr);
				return -1;
			}
			arguments->directory = argv[i];
		} else if (strcmp(argument, "--x86_64-libc") == 0 ||
		           strcmp(argument, "--aarch64-libc") == 0) {
			if (++i == argc) {
				fprintf(stderr, "xmig-align: %s needs a file\n", argument);
				return -1;
			}
			arguments->libc[strcmp(argument, "--x86_64-libc") == 0 ? 0 : 1] = argv[i];
			/* The ISA's objects end here. */
			isa = -1;
		} else if (strcmp(argument, "--x86_64") == 0 ||
		           strcmp(argument, "--aarch64") == 0) {
			isa = strcmp(argument, "--x86_64") == 0 ? 0 : 1;
			if (arguments->paths[isa]) {
				fprintf(stderr, "xmig-align: %s given twice\n", argument);
				return -1;
			}
			arguments->paths[isa] = &argv[i + 1];
		} else if (argument[0] == '-') {
			fprintf(stderr, "xmig-align: unknown option '%s' (see --help)\n", argument);
			return -1;
		} else if (isa < 0) {
			fprintf(stderr, "xmig-align: '%s' comes before --x86_64 or --aarch64\n",
			        argument);
			return -1;
		} else {
			arguments->path_count[isa]++;
			/* Keep the ISA's files contiguous in argv. */
			if (&argv[i] != arguments->paths[isa] + arguments->path_count[isa] - 1) {
				fprintf(stderr,
				        "xmig-align: '%s': give each ISA's files together\n",
				        argument);
				return -1;
			}
		}
	}
	if (!arguments->libc[0] != !arguments->libc[1]) {
		fprintf(stderr, "xmig-align: --%s-libc given without --%s-libc\n",
		        isa_names[arguments->libc[0] ? 0 : 1],
		        isa_names[arguments->libc[0] ? 1 : 0]);
		return -1;
	}
	for (int k = 0; k < 2; k++)
		if (arguments->path_count[k] == 0) {
			fprintf(stderr, "xmig-align: no %s objects given (--%s FILE...)\n",
			        isa_names[k], isa_names[k]);
			return -1;
		}
	return 0;
}

/* Writes to a temporary name first, so that a failed run leaves no script
 * that a later link could pick up. */
static int write_script_file(const char *directory, int isa, const struct xmig_layout *layout)
{
	char path[4096], temporary[4096 + 16];
	snprintf(path, sizeof path, "%s/xmig-%s.ld", directory, isa_names[isa]);
	snprintf(temporary, sizeof temporary, "%s.tmp%ld", path, (long)getpid());
	FILE *out = fopen(temporary, "w");
	if (!out) {
		fprintf(stderr, "xmig-align: cannot write %s: %s\n", temporary, strerror(errno));
		return -1;
	}
	int status = xmig_write_script(out, (unsigned)isa, isa_names[isa], layout);
	if (fclose(out) != 0 || status != 0) {
		fprintf(stderr, "xmig-align: writing %s failed\n", temporary);
		unlink(temporary);
		return -1;
	}
	if (rename(temporary, path) != 0) {
		fprintf(stderr, "xmig-align: cannot create %s: %s\n", path, strerror(errno));
		unlink(temporary);
		return -1;
	}
	return 0;
}

static void print_layout(const struct xmig_layout *layout)
{
	static const char *const kind_names[XMIG_KIND_COUNT] = {"text", "rodata", "data", "bss"};
	for (int kind = 0; kind < XMIG_KIND_COUNT; kind++) {
		size_t count = 0;
		for (size_t i = 0; i < layout->count; i++)
			count += layout->placements[i].kind == (enum xmig_section_kind)kind;
		printf("%-8s %#10llx-%#10llx %6zu sections\n", kind_names[kind],
		       (unsigned long long)layout->start[kind],
		       (unsigned long long)layout->end[kind], count);
	}
	printf("unpaired %#10llx           %6llu entries reserved\n",
	       (unsigned long long)layout->unpaired_address,
	       (unsigned long long)layout->unpaired_capacity);
	if (layout->has_streams)
		printf("streams  %#10llx-%#10llx stdout at %#llx\n",
		       (unsigned long long)layout->streams_start,
		       (unsigned long long)layout->streams_end,
		       (unsigned long long)layout->stdout_address);
	for (size_t i = 0; i < layout->count; i++) {
		const struct xmig_placement *placement = &layout->placements[i];
		printf("  %#10llx %8llu %8llu  %s\n", (unsigned long long)placement->address,
		       (unsigned long long)placement->sizes[0],
		       (unsigned long long)placement->sizes[1], placement->name);
	}
	for (size_t i = 0; i < layout->one_sided_count; i++)
		printf("only in %s: %s (%s)\n", isa_names[layout->one_sided[i].isa],
		       layout->one_sided[i].name, layout->one_sided[i].origin);
}

int main(int argc, char **argv)
{
	struct arguments arguments = {0};
	if (parse_arguments(argc, argv, &arguments) != 0)
		return 2;

	struct xmig_isa_inputs inputs[2];
	struct xmig_error error;
	for (int isa = 0; isa < 2; isa++)
		if (xmig_read_isa_inputs(isa_names[isa], arguments.paths[isa],
		                         arguments.path_count[isa], &inputs[isa], &error) != 0) {
			fprintf(stderr, "xmig-align: %s\n", error.message);
			if (isa == 1)
				xmig_isa_inputs_free(&inputs[0]);
			return 1;
		}

	struct xmig_standard_streams streams[2];
	for (int isa = 0; isa < 2 && arguments.libc[0]; isa++)
		if (xmig_read_standard_streams(arguments.libc[isa], isa_names[isa], &streams[isa],
		                               &error) != 0) {
			fprintf(stderr, "xmig-align: %s\n", error.message);
			xmig_isa_inputs_free(&inputs[0]);
			xmig_isa_inputs_free(&inputs[1]);
			return 1;
		}

	int status = 1;
	struct xmig_layout layout;
	if (xmig_compute_layout(&inputs[0], &inputs[1], arguments.libc[0] ? streams : NULL, &layout,
	                        &error) != 0) {
		fprintf(stderr, "xmig-align: %s\n", error.message);
	} else {
		if (layout.count == 0)
			fputs("xmig-align: no section is defined by both ISAs' objects\n", stderr);
		else if (write_script_file(arguments.directory, 0, &layout) == 0 &&
		         write_script_file(arguments.directory, 1, &layout) == 0)
			status = 0;
		if (arguments.verbose)
			print_layout(&layout);
		xmig_layout_free(&layout);
	}
	xmig_isa_inputs_free(&inputs[0]);
	xmig_isa_inputs_free(&inputs[1]);
	return status;
}
