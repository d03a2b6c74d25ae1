#define _POSIX_C_SOURCE 200809L
#include "compile.h"

#include "commands.h"
#include "fat_object.h"
#include "list.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *xmig_replace_extension(const char *path, const char *extension, int keep_directory)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *start = keep_directory ? path : name;
	const char *dot = strrchr(name, '.');
	if (!dot || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return xmig_format("%s%s", start, extension);
	return xmig_format("%.*s%s", (int)(dot - start), start, extension);
}

/* The dependency file is named after the output the user asked for, not the
 * temporary object the host compile really writes: clang's rules, -o FILE
 * giving FILE.d (extension replaced) and target FILE, otherwise the source's
 * name in the current directory. */
static void add_dependency_flags(struct xmig_list *argv, const struct xmig_arguments *arguments,
                                 const char *source)
{
	xmig_list_add_all(argv, &arguments->dependency_flags);
	if (!arguments->dependency_file)
		return;
	if (!arguments->dependency_file_named) {
		xmig_list_add(argv, "-MF");
		xmig_list_add(argv, arguments->output
		                            ? xmig_replace_extension(arguments->output, ".d", 1)
		                            : xmig_replace_extension(source, ".d", 0));
	}
	if (!arguments->dependency_target_named) {
		xmig_list_add(argv, "-MQ");
		xmig_list_add(argv, arguments->output ? arguments->output
		                                      : xmig_replace_extension(source, ".o", 0));
	}
}

int xmig_compile(const struct xmig_toolchain *toolchain, const struct xmig_arguments *arguments,
                 const struct xmig_input *source, enum xmig_isa isa, const char *object)
{
	if (xmig_toolchain_require(toolchain->plugin) != 0)
		return -1;
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->clang);
	xmig_list_add(&argv, xmig_format("--target=%s-linux-gnu", xmig_isa_name(isa)));
	xmig_list_add_all(&argv, &toolchain->program_flags);
	xmig_list_add(&argv, xmig_format("-fpass-plugin=%s", toolchain->plugin));
	if (arguments->loop_points) {
		/* The plugin's options exist once clang has loaded it as a plugin,
		 * before it parses -mllvm. */
		xmig_list_add(&argv, xmig_format("-fplugin=%s", toolchain->plugin));
		xmig_list_add(&argv, "-mllvm");
		xmig_list_add(&argv, xmig_format("-xmig-loop-points=%s", arguments->loop_points));
	}
	xmig_list_add_all(&argv, &arguments->compile_flags);
	xmig_list_add_all(&argv, &arguments->isa_flags[isa]);
	if (isa == xmig_host_isa())
		add_dependency_flags(&argv, arguments, source->path);
	xmig_list_add(&argv, "-c");
	if (source->forced_c) {
		xmig_list_add(&argv, "-x");
		xmig_list_add(&argv, "c");
	}
	xmig_list_add(&argv, source->path);
	xmig_list_add(&argv, "-o");
	xmig_list_add(&argv, object);

	char *step = xmig_format("compiling %s for %s", source->path, xmig_isa_name(isa));
	int result = xmig_run(step, &argv, 0);
	free(step);
	xmig_list_free(&argv);
	return result;
}

/* As cc does, a failed compile leaves no object behind, not even an old one
 * that make could mistake for up to date. Only regular files: -o /dev/null
 * is not ours to remove. */
static void remove_stale(const char *output)
{
	struct stat status;
	if (lstat(output, &status) == 0 && S_ISREG(status.st_mode))
		unlink(output);
}

static int compile_fat_object(const struct xmig_toolchain *toolchain,
                              const struct xmig_arguments *arguments,
                              const struct xmig_input *source, const char *output)
{
	enum xmig_isa host = xmig_host_isa(), foreign = xmig_foreign_isa();
	char *stem = xmig_replace_extension(source->path, "", 0);
	char *host_name = xmig_format("%s.%s.o", stem, xmig_isa_name(host));
	char *foreign_name = xmig_format("%s.%s.o", stem, xmig_isa_name(foreign));
	char *host_object = xmig_scratch_path(host_name);
	char *foreign_object = xmig_scratch_path(foreign_name);
	int result = -1;
	if (host_object && foreign_object &&
	    xmig_compile(toolchain, arguments, source, host, host_object) == 0 &&
	    xmig_compile(toolchain, arguments, source, foreign, foreign_object) == 0)
		result = xmig_fat_object_make(toolchain, host_object, foreign_object, output);
	if (result != 0)
		remove_stale(output);
	free(stem);
	free(host_name);
	free(foreign_name);
	free(host_object);
	free(foreign_object);
	return result;
}

int xmig_compile_fat_objects(const struct xmig_toolchain *toolchain,
                             const struct xmig_arguments *arguments)
{
	for (size_t i = 0; i < arguments->input_count; i++)
		if (arguments->inputs[i].kind != XMIG_SOURCE)
			fprintf(stderr, "xmig-cc: warning: %s: not a source, unused with -c\n",
			        arguments->inputs[i].path);
	for (size_t i = 0; i < arguments->link_item_count; i++)
		if (arguments->link_items[i].kind == XMIG_LINK_ARCHIVE)
			fprintf(stderr, "xmig-cc: warning: %s: not a source, unused with -c\n",
			        arguments->link_items[i].value);

	/* Like cc, every source is compiled even after one has failed, so that
	 * all their errors show at once. */
	int failed = 0;
	for (size_t i = 0; i < arguments->input_count; i++) {
		const struct xmig_input *source = &arguments->inputs[i];
		if (source->kind != XMIG_SOURCE)
			continue;
		char *output = arguments->output ? xmig_copy(arguments->output)
		                                 : xmig_replace_extension(source->path, ".o", 0);
		if (compile_fat_object(toolchain, arguments, source, output) != 0)
			failed = 1;
		free(output);
		if (xmig_caught_signal())
			break;
	}
	return failed ? -1 : 0;
}
