#define _POSIX_C_SOURCE 200809L
#include "link.h"

#include "archive.h"
#include "commands.h"
#include "compile.h"
#include "fat_object.h"
#include "list.h"
#include "scratch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One ISA's share of the link: objects in the order given, then what follows
 * the runtime (archives, -l, -L, -Wl,), and what xmig-align must read. */
struct isa_inputs {
	struct xmig_list objects;
	struct xmig_list libraries;
	struct xmig_list archives;
};

/* Objects are opened before any source is compiled: an object that is not
 * fat is found at once, not after minutes of compiling. */
static int add_objects(const struct xmig_toolchain *toolchain,
                       const struct xmig_arguments *arguments, struct isa_inputs *inputs)
{
	enum xmig_isa host = xmig_host_isa(), foreign = xmig_foreign_isa();
	char **extracted = xmig_allocate((arguments->input_count + 1) * sizeof *extracted);
	int result = 0;
	for (size_t i = 0; i < arguments->input_count && result == 0; i++) {
		const struct xmig_input *input = &arguments->inputs[i];
		if (input->kind != XMIG_OBJECT)
			continue;
		char *stem = xmig_replace_extension(input->path, "", 0);
		char *name = xmig_format("%s.%s.o", stem, xmig_isa_name(foreign));
		extracted[i] = xmig_scratch_path(name);
		if (!extracted[i] || xmig_fat_object_extract_file(input->path, extracted[i]) != 0)
			result = -1;
		free(stem);
		free(name);
	}

	for (size_t i = 0; i < arguments->input_count && result == 0; i++) {
		const struct xmig_input *input = &arguments->inputs[i];
		if (input->kind == XMIG_OBJECT) {
			xmig_list_add(&inputs[host].objects, input->path);
			xmig_list_add(&inputs[foreign].objects, extracted[i]);
			continue;
		}
		char *stem = xmig_replace_extension(input->path, "", 0);
		for (int isa = 0; isa < XMIG_ISA_COUNT && result == 0; isa++) {
			char *name = xmig_format("%s.%s.o", stem, xmig_isa_name(isa));
			char *object = xmig_scratch_path(name);
			free(name);
			if (!object || xmig_compile(toolchain, arguments, input, isa, object) != 0)
				result = -1;
			else
				xmig_list_add(&inputs[isa].objects, object);
		}
		free(stem);
	}
	free(extracted);
	return result;
}

/* -lNAME names libNAME.a (or NAME itself, for -l:NAME) in a -L directory;
 * NULL when it is in none of them, and so a system library. */
static char *find_user_library(const struct xmig_arguments *arguments, const char *name)
{
	char *file = name[0] == ':' ? xmig_copy(name + 1) : xmig_format("lib%s.a", name);
	char *found = NULL;
	for (size_t i = 0; i < arguments->library_directories.count && !found; i++) {
		char *path = xmig_format("%s/%s", arguments->library_directories.items[i], file);
		if (access(path, F_OK) == 0)
			found = path;
		else
			free(path);
	}
	free(file);
	return found;
}

static int add_archive(const struct xmig_toolchain *toolchain, const char *archive,
                       struct isa_inputs *inputs)
{
	enum xmig_isa host = xmig_host_isa(), foreign = xmig_foreign_isa();
	const char *foreign_archive = xmig_foreign_archive(toolchain, archive);
	if (!foreign_archive)
		return -1;
	xmig_list_add(&inputs[host].libraries, archive);
	xmig_list_add(&inputs[host].archives, archive);
	xmig_list_add(&inputs[foreign].libraries, foreign_archive);
	xmig_list_add(&inputs[foreign].archives, foreign_archive);
	return 0;
}

static int add_libraries(const struct xmig_toolchain *toolchain,
                         const struct xmig_arguments *arguments, struct isa_inputs *inputs)
{
	for (size_t i = 0; i < arguments->link_item_count; i++) {
		const struct xmig_link_item *item = &arguments->link_items[i];
		const char *archive = NULL;
		if (item->kind == XMIG_LINK_ARCHIVE)
			archive = item->value;
		else if (item->kind == XMIG_LINK_LIBRARY)
			archive = find_user_library(arguments, item->value);
		if (archive) {
			if (add_archive(toolchain, archive, inputs) != 0)
				return -1;
			continue;
		}
		const char *option = item->kind == XMIG_LINK_LIBRARY
		                             ? xmig_format("-l%s", item->value)
		                             : item->value;
		for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
			xmig_list_add(&inputs[isa].libraries, option);
	}
	return 0;
}

/* The static C library clang links for the ISA, or NULL when clang names
 * none it has (it then prints the bare name back). */
static char *c_library(const struct xmig_toolchain *toolchain, enum xmig_isa isa)
{
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->clang);
	xmig_list_add(&argv, xmig_format("--target=%s-linux-gnu", xmig_isa_name(isa)));
	xmig_list_add(&argv, "-print-file-name=libc.a");
	char *path = NULL;
	int status = xmig_run_output(&argv, &path);
	xmig_list_free(&argv);
	if (status != 0 || !path)
		return NULL;
	path[strcspn(path, "\n")] = '\0';
	if (path[0] != '/' || access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

static int align(const struct xmig_toolchain *toolchain, const char *output,
                 const struct isa_inputs *inputs)
{
	const char *directory = xmig_scratch_directory();
	if (!directory)
		return -1;
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->align);
	xmig_list_add(&argv, "-o");
	xmig_list_add(&argv, directory);
	/* Both C libraries, or neither: stdout then has one address. */
	char *libraries[XMIG_ISA_COUNT];
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		libraries[isa] = c_library(toolchain, isa);
	if (libraries[0] && libraries[1])
		for (int isa = 0; isa < XMIG_ISA_COUNT; isa++) {
			xmig_list_add(&argv, xmig_format("--%s-libc", xmig_isa_name(isa)));
			xmig_list_add(&argv, libraries[isa]);
		}
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++) {
		xmig_list_add(&argv, xmig_format("--%s", xmig_isa_name(isa)));
		xmig_list_add_all(&argv, &inputs[isa].objects);
		xmig_list_add(&argv, toolchain->runtime[isa]);
		xmig_list_add_all(&argv, &inputs[isa].archives);
	}
	char *step = xmig_format("aligning the objects of %s", output);
	int result = xmig_run(step, &argv, 0);
	free(step);
	xmig_list_free(&argv);
	return result;
}

static int link_isa(const struct xmig_toolchain *toolchain, const char *output, enum xmig_isa isa,
                    const struct isa_inputs *inputs, const char *binary)
{
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->clang);
	xmig_list_add(&argv, xmig_format("--target=%s-linux-gnu", xmig_isa_name(isa)));
	xmig_list_add(&argv, "-static");
	xmig_list_add(&argv, "-fuse-ld=lld");
	xmig_list_add(&argv, "-Wl,--build-id");
	/* -Xlinker, not -Wl,: -Wl, would split a TMPDIR holding a comma. */
	xmig_list_add(&argv, "-Xlinker");
	xmig_list_add(&argv, xmig_format("--script=%s/xmig-%s.ld", xmig_scratch_directory(),
	                                 xmig_isa_name(isa)));
	xmig_list_add_all(&argv, &inputs[isa].objects);
	xmig_list_add(&argv, toolchain->runtime[isa]);
	xmig_list_add_all(&argv, &inputs[isa].libraries);
	xmig_list_add(&argv, "-lm");
	xmig_list_add(&argv, "-o");
	xmig_list_add(&argv, binary);
	char *step = xmig_format("linking %s for %s", output, xmig_isa_name(isa));
	int result = xmig_run(step, &argv, 0);
	free(step);
	xmig_list_free(&argv);
	return result;
}

static int check(const struct xmig_toolchain *toolchain, const char *output,
                 char *const binaries[XMIG_ISA_COUNT])
{
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->check);
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		xmig_list_add(&argv, binaries[isa]);
	char *step = xmig_format("checking the alignment of %s", output);
	/* Quiet: its report of a good pair is noise in a build; -v shows it. */
	int result = xmig_run(step, &argv, 1);
	free(step);
	xmig_list_free(&argv);
	return result;
}

static int rename_into_place(const char *from, const char *to)
{
	if (xmig_commands_verbose())
		fprintf(stderr, "# mv %s %s\n", from, to);
	if (rename(from, to) != 0) {
		fprintf(stderr, "xmig-cc: cannot rename %s to %s: %s\n", from, to, strerror(errno));
		return -1;
	}
	xmig_scratch_keep(from);
	return 0;
}

/* The binaries are written and checked under temporary names next to their
 * final ones, so that each lands by a rename: no final name ever holds a
 * half-written binary or one that failed the check. */
static int link_and_check(const struct xmig_toolchain *toolchain, const char *output,
                          const struct isa_inputs *inputs)
{
	char *binaries[XMIG_ISA_COUNT];
	char *finals[XMIG_ISA_COUNT];
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++) {
		finals[isa] = xmig_format("%s.%s", output, xmig_isa_name(isa));
		binaries[isa] = xmig_format("%s.tmp", finals[isa]);
		xmig_scratch_remove_at_exit(binaries[isa]);
	}
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		if (link_isa(toolchain, output, isa, inputs, binaries[isa]) != 0)
			return -1;
	if (check(toolchain, output, binaries) != 0)
		return -1;

	/* OUTPUT is the host binary under a second name, linked before any
	 * rename so that every failure below leaves the old files alone. */
	char *host_link = xmig_format("%s.tmp", output);
	xmig_scratch_remove_at_exit(host_link);
	unlink(host_link);
	if (link(binaries[xmig_host_isa()], host_link) != 0) {
		fprintf(stderr, "xmig-cc: cannot link %s to %s: %s\n", host_link,
		        binaries[xmig_host_isa()], strerror(errno));
		return -1;
	}
	if (xmig_caught_signal()) {
		fputs("xmig-cc: interrupted: the binaries were not put in place\n", stderr);
		return -1;
	}
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		if (rename_into_place(binaries[isa], finals[isa]) != 0)
			return -1;
	return rename_into_place(host_link, output);
}

int xmig_link_program(const struct xmig_toolchain *toolchain,
                      const struct xmig_arguments *arguments)
{
	const char *output = arguments->output ? arguments->output : "a.out";
	if (xmig_toolchain_require(toolchain->align) != 0 ||
	    xmig_toolchain_require(toolchain->check) != 0)
		return -1;
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++)
		if (xmig_toolchain_require(toolchain->runtime[isa]) != 0)
			return -1;

	/* Archives first, for the same reason objects are opened first. */
	struct isa_inputs inputs[XMIG_ISA_COUNT] = {0};
	if (add_libraries(toolchain, arguments, inputs) != 0 ||
	    add_objects(toolchain, arguments, inputs) != 0 || align(toolchain, output, inputs) != 0)
		return -1;
	return link_and_check(toolchain, output, inputs);
}
