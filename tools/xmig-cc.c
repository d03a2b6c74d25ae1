/* xmig-cc: a C compiler driver for migratable programs. Every source is
 * compiled for x86_64 and aarch64 with migpoint.so; -c packs both objects
 * into one fat object, so make and CMake see one output per source; a link
 * aligns and links both ISAs' binaries and checks them before putting them in
 * place. docs/xmig-cc.md has the details. */
#define _POSIX_C_SOURCE 200809L
#include "driver/arguments.h"
#include "driver/commands.h"
#include "driver/compile.h"
#include "driver/link.h"
#include "driver/options.h"
#include "driver/scratch.h"
#include "driver/toolchain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every input is looked at before anything runs: a missing file should not
 * cost a compile of the others first. */
static int inputs_readable(const struct xmig_arguments *arguments)
{
	int readable = 1;
	for (size_t i = 0; i < arguments->input_count; i++)
		if (access(arguments->inputs[i].path, R_OK) != 0) {
			fprintf(stderr, "xmig-cc: cannot read %s: %s\n", arguments->inputs[i].path,
			        strerror(errno));
			readable = 0;
		}
	for (size_t i = 0; i < arguments->link_item_count; i++) {
		const struct xmig_link_item *item = &arguments->link_items[i];
		if (item->kind == XMIG_LINK_ARCHIVE && access(item->value, R_OK) != 0) {
			fprintf(stderr, "xmig-cc: cannot read %s: %s\n", item->value,
			        strerror(errno));
			readable = 0;
		}
	}
	return readable;
}

int main(int argc, char **argv)
{
	struct xmig_arguments arguments = {0};
	switch (xmig_parse_arguments(argc, argv, &arguments)) {
	case XMIG_PARSE_DONE:
		return 0;
	case XMIG_PARSE_ERROR:
		return 2;
	case XMIG_PARSE_BUILD:
		break;
	}
	xmig_commands_set_verbose(arguments.verbose);
	if (!inputs_readable(&arguments))
		return 1;

	struct xmig_toolchain toolchain = {0};
	if (xmig_toolchain_init(&toolchain) != 0)
		return 1;
	int sources = 0;
	for (size_t i = 0; i < arguments.input_count; i++)
		sources |= arguments.inputs[i].kind == XMIG_SOURCE;
	if (sources && xmig_check_options(&toolchain, &arguments) != 0)
		return 2;
	atexit(xmig_scratch_clean);
	xmig_catch_signals();

	int result = arguments.compile_only ? xmig_compile_fat_objects(&toolchain, &arguments)
	                                    : xmig_link_program(&toolchain, &arguments);
	if (xmig_caught_signal()) {
		xmig_scratch_clean();
		xmig_die_of_caught_signal();
	}
	return result == 0 ? 0 : 1;
}
