#include "options.h"

#include "commands.h"
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -g alone is everywhere (CMake's Debug), and needs no asking. */
static int needs_asking(const char *flag)
{
	return strncmp(flag, "-f", 2) == 0 || (strncmp(flag, "-g", 2) == 0 && flag[2] != '\0');
}

/* clang says "unknown argument: '-foo'" or "unknown argument '-fo'; did you
 * mean '-fno'?"; xmig-cc says it its own way, as for options it knows not. */
static int report_unknown(const char *errors)
{
	int found = 0;
	for (const char *line = errors; *line;) {
		size_t length = strcspn(line, "\n");
		const char *unknown = strstr(line, "unknown argument");
		const char *quote =
		        unknown && unknown < line + length ? strchr(unknown, '\'') : NULL;
		const char *end = quote && quote < line + length ? strchr(quote + 1, '\'') : NULL;
		if (end && end < line + length) {
			fprintf(stderr, "xmig-cc: unknown option %.*s%.*s (see xmig-cc --help)\n",
			        (int)(end + 1 - quote), quote, (int)(line + length - end - 1),
			        end + 1);
			found = 1;
		}
		line += length + (line[length] == '\n');
	}
	return found;
}

/* -### also prints clang's version and the commands it would run. */
static void print_error_lines(const char *errors)
{
	for (const char *line = errors; *line;) {
		size_t length = strcspn(line, "\n");
		const char *error = strstr(line, "error:");
		if (error && error < line + length)
			fprintf(stderr, "%.*s\n", (int)length, line);
		line += length + (line[length] == '\n');
	}
}

static int ask(const struct xmig_toolchain *toolchain, const struct xmig_arguments *arguments,
               enum xmig_isa isa)
{
	struct xmig_list argv = {0};
	xmig_list_add(&argv, toolchain->clang);
	xmig_list_add(&argv, xmig_format("--target=%s-linux-gnu", xmig_isa_name(isa)));
	xmig_list_add(&argv, "-###");
	xmig_list_add_all(&argv, &toolchain->program_flags);
	xmig_list_add_all(&argv, &arguments->compile_flags);
	xmig_list_add_all(&argv, &arguments->isa_flags[isa]);
	const char *const rest[] = {"-c", "-x", "c", "/dev/null", "-o", "/dev/null"};
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
		xmig_list_add(&argv, rest[i]);
	char *errors;
	int result = xmig_run_collecting(&argv, &errors);
	xmig_list_free(&argv);
	if (result != 0)
		return -1;
	if (!strstr(errors, "error:")) {
		free(errors);
		return 0;
	}
	if (!report_unknown(errors)) {
		print_error_lines(errors);
		fprintf(stderr, "xmig-cc: clang refuses an option for %s (see above)\n",
		        xmig_isa_name(isa));
	}
	free(errors);
	return -1;
}

int xmig_check_options(const struct xmig_toolchain *toolchain,
                       const struct xmig_arguments *arguments)
{
	int common = 0;
	for (size_t i = 0; i < arguments->compile_flags.count; i++)
		common |= needs_asking(arguments->compile_flags.items[i]);
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++) {
		/* The host's answer holds for the options both ISAs get. */
		int host = isa == (int)xmig_host_isa();
		if ((common && host) || arguments->isa_flags[isa].count > 0)
			if (ask(toolchain, arguments, isa) != 0)
				return -1;
	}
	return 0;
}
