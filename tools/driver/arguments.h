/* The command line, sorted by where each part goes: both ISAs' compiles, one
 * ISA's compile, the host compile only (dependency files), or the links. */
#ifndef XMIG_DRIVER_ARGUMENTS_H
#define XMIG_DRIVER_ARGUMENTS_H

#include "list.h"
#include "toolchain.h"

#include <stddef.h>

enum xmig_input_kind { XMIG_SOURCE, XMIG_OBJECT };

/* A source to compile or an object to link, in the order given. */
struct xmig_input {
	const char *path;
	enum xmig_input_kind kind;
	int forced_c; /* after -x c, whatever its name */
};

enum xmig_link_kind {
	XMIG_LINK_ARCHIVE, /* a path to an archive */
	XMIG_LINK_LIBRARY, /* -l's argument */
	XMIG_LINK_OPTION,  /* passed to both links as it is: -L..., -Wl,... */
};

/* What follows the objects and the runtime on the link lines, in order. */
struct xmig_link_item {
	enum xmig_link_kind kind;
	const char *value;
};

struct xmig_arguments {
	int compile_only;
	int verbose;
	const char *
	        loop_points; /* --loop-points: none, innermost or all; NULL: the plugin's default */
	const char *output;
	struct xmig_list compile_flags;
	struct xmig_list isa_flags[XMIG_ISA_COUNT];
	struct xmig_list dependency_flags;
	int dependency_file;         /* -MD or -MMD */
	int dependency_file_named;   /* -MF */
	int dependency_target_named; /* -MT or -MQ */
	struct xmig_input *inputs;
	size_t input_count;
	struct xmig_link_item *link_items;
	size_t link_item_count;
	struct xmig_list library_directories;
};

enum xmig_parse_result {
	XMIG_PARSE_BUILD,
	XMIG_PARSE_DONE,  /* --help or --version answered */
	XMIG_PARSE_ERROR, /* a message was printed */
};

enum xmig_parse_result xmig_parse_arguments(int argc, char **argv,
                                            struct xmig_arguments *arguments);

#endif
