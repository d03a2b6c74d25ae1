#include "arguments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fputs("usage: xmig-cc [OPTION...] FILE...\n"
	      "Compiles C for x86_64 and aarch64 with migpoint.so and links the two binaries\n"
	      "of a migratable program, every instrumented function and global at the same\n"
	      "address in both. FILE is a C source (.c), or an object (.o) or archive (.a)\n"
	      "made by xmig-cc -c.\n"
	      "  -c                 compile only: one fat object per source, the host ISA's\n"
	      "                     object carrying the other ISA's\n"
	      "  -o FILE            the object (-c), or the program: FILE.x86_64, FILE.aarch64\n"
	      "                     and FILE, the host's (default a.out)\n"
	      "  -I DIR -isystem DIR -include FILE -D NAME[=VALUE] -U NAME\n"
	      "  -O<level> -g... -std=... -W<warning> -Werror -w -f<feature> -x c\n"
	      "                     compile options, given to both ISAs' compiles\n"
	      "  -Xarch_x86_64 OPTION, -Xarch_aarch64 OPTION\n"
	      "                     an option for one ISA's compile only (-m... options)\n"
	      "  -MD -MMD -MF FILE -MT TARGET -MQ TARGET -MP\n"
	      "                     a dependency file, written by the host ISA's compile\n"
	      "  -L DIR -l NAME -Wl,OPTION\n"
	      "                     link options, given to both ISAs' links\n"
	      "  -static            accepted: programs are always static, non-PIE\n"
	      "  --loop-points=none|calls|bounded|innermost|all\n"
	      "                     which loops get a migration point in their header\n"
	      "                     (default calls: the innermost loops around calls;\n"
	      "                     bounded: every loop but call-free inner loops, so\n"
	      "                     no loop runs long without a point); more points\n"
	      "                     meet requests sooner, at a cost in run time\n"
	      "                     (innermost and all keep loops from vectorizing)\n"
	      "  -v                 print every command before running it\n"
	      "  --help, --version\n"
	      "Environment: XMIG_CLANG, XMIG_OBJCOPY, XMIG_AR replace the LLVM tools found\n"
	      "when xmig was built.\n",
	      out);
}

static int bad_usage(const char *format, const char *argument)
{
	fputs("xmig-cc: ", stderr);
	fprintf(stderr, format, argument);
	fputs(" (see xmig-cc --help)\n", stderr);
	return -1;
}

/* The value of an option given as "-Xvalue" or as "-X value". */
static const char *value_of(const char *option, int argc, char **argv, int *i)
{
	const char *argument = argv[*i];
	size_t length = strlen(option);
	if (argument[length] != '\0')
		return argument + length;
	if (*i + 1 == argc) {
		bad_usage("'%s' needs an argument", option);
		return NULL;
	}
	return argv[++*i];
}

static int starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *text, const char *suffix)
{
	size_t length = strlen(text), suffix_length = strlen(suffix);
	return length > suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static void add_input(struct xmig_arguments *arguments, const char *path, enum xmig_input_kind kind,
                      int forced_c)
{
	if (arguments->input_count % 16 == 0) {
		struct xmig_input *inputs =
		        xmig_allocate((arguments->input_count + 16) * sizeof *inputs);
		if (arguments->input_count)
			memcpy(inputs, arguments->inputs, arguments->input_count * sizeof *inputs);
		free(arguments->inputs);
		arguments->inputs = inputs;
	}
	arguments->inputs[arguments->input_count++] =
	        (struct xmig_input){.path = path, .kind = kind, .forced_c = forced_c};
}

static void add_link_item(struct xmig_arguments *arguments, enum xmig_link_kind kind,
                          const char *value)
{
	if (arguments->link_item_count % 16 == 0) {
		struct xmig_link_item *items =
		        xmig_allocate((arguments->link_item_count + 16) * sizeof *items);
		if (arguments->link_item_count)
			memcpy(items, arguments->link_items,
			       arguments->link_item_count * sizeof *items);
		free(arguments->link_items);
		arguments->link_items = items;
	}
	arguments->link_items[arguments->link_item_count++] =
	        (struct xmig_link_item){.kind = kind, .value = value};
}

static int add_file(struct xmig_arguments *arguments, const char *path, int forced_c)
{
	if (forced_c || ends_with(path, ".c"))
		add_input(arguments, path, XMIG_SOURCE, forced_c);
	else if (ends_with(path, ".o"))
		add_input(arguments, path, XMIG_OBJECT, 0);
	else if (ends_with(path, ".a"))
		add_link_item(arguments, XMIG_LINK_ARCHIVE, path);
	else
		return bad_usage("unsupported input '%s': xmig-cc compiles C sources (.c) and "
		                 "links objects (.o) and archives (.a) made by xmig-cc -c",
		                 path);
	return 0;
}

/* Both binaries must be static and position-dependent: the aligned link
 * fixes every address at link time. */
static int position_independent(const char *argument)
{
	static const char *const refused[] = {"-fpic", "-fPIC",   "-fpie",
	                                      "-fPIE", "-shared", "-pie"};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (strcmp(argument, refused[i]) == 0)
			return 1;
	return 0;
}

static int is_optimization_level(const char *argument)
{
	const char *level = argument + 2;
	if (*level == '\0' || strcmp(level, "s") == 0 || strcmp(level, "z") == 0 ||
	    strcmp(level, "g") == 0)
		return 1;
	return strspn(level, "0123456789") == strlen(level);
}

/* Options that only matter to the compiles, given to both ISAs'. */
static int compile_option(const char *argument)
{
	if (starts_with(argument, "-W"))
		/* -Wa, and -Wp, reach the assembler and preprocessor unchecked. */
		return !starts_with(argument, "-Wa,") && !starts_with(argument, "-Wp,");
	return starts_with(argument, "-g") || starts_with(argument, "-std=") ||
	       strcmp(argument, "-w") == 0 ||
	       (starts_with(argument, "-f") && argument[2] != '\0') ||
	       (starts_with(argument, "-O") && is_optimization_level(argument));
}

static int parse_isa_flag(struct xmig_arguments *arguments, int argc, char **argv, int *i)
{
	const char *isa_name = argv[*i] + strlen("-Xarch_");
	for (int isa = 0; isa < XMIG_ISA_COUNT; isa++) {
		if (strcmp(isa_name, xmig_isa_name(isa)) != 0)
			continue;
		if (*i + 1 == argc)
			return bad_usage("'%s' needs an option for that ISA's compile", argv[*i]);
		xmig_list_add(&arguments->isa_flags[isa], argv[++*i]);
		return 0;
	}
	return bad_usage("unknown ISA in '%s' (known: -Xarch_x86_64, -Xarch_aarch64)", argv[*i]);
}

static int parse_dependency_flag(struct xmig_arguments *arguments, int argc, char **argv, int *i)
{
	const char *argument = argv[*i];
	if (strcmp(argument, "-MD") == 0 || strcmp(argument, "-MMD") == 0) {
		arguments->dependency_file = 1;
		xmig_list_add(&arguments->dependency_flags, argument);
		return 0;
	}
	if (strcmp(argument, "-MP") == 0) {
		xmig_list_add(&arguments->dependency_flags, argument);
		return 0;
	}
	static const char *const with_value[] = {"-MF", "-MT", "-MQ"};
	for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) {
		if (!starts_with(argument, with_value[k]))
			continue;
		const char *value = value_of(with_value[k], argc, argv, i);
		if (!value)
			return -1;
		if (k == 0)
			arguments->dependency_file_named = 1;
		else
			arguments->dependency_target_named = 1;
		xmig_list_add(&arguments->dependency_flags, with_value[k]);
		xmig_list_add(&arguments->dependency_flags, value);
		return 0;
	}
	return bad_usage("unknown option '%s'", argument);
}

/* One option starting at argv[*i]; advances *i past its value, if any. */
static int parse_option(struct xmig_arguments *arguments, int argc, char **argv, int *i,
                        int *forced_c)
{
	const char *argument = argv[*i];
	const char *value;

	if (strcmp(argument, "-c") == 0) {
		arguments->compile_only = 1;
	} else if (strcmp(argument, "-v") == 0) {
		arguments->verbose = 1;
	} else if (starts_with(argument, "--loop-points=")) {
		value = argument + strlen("--loop-points=");
		if (strcmp(value, "none") != 0 && strcmp(value, "calls") != 0 &&
		    strcmp(value, "bounded") != 0 && strcmp(value, "innermost") != 0 &&
		    strcmp(value, "all") != 0)
			return bad_usage(
			        "'%s': loop points are none, calls, bounded, innermost or all",
			        argument);
		arguments->loop_points = value;
	} else if (strcmp(argument, "-static") == 0 || strcmp(argument, "-no-pie") == 0) {
		/* Already what every xmig program is. */
	} else if (starts_with(argument, "-o")) {
		if (!(value = value_of("-o", argc, argv, i)))
			return -1;
		arguments->output = value;
	} else if (starts_with(argument, "-I") || starts_with(argument, "-D") ||
	           starts_with(argument, "-U")) {
		char option[3] = {argument[0], argument[1], '\0'};
		if (!(value = value_of(option, argc, argv, i)))
			return -1;
		xmig_list_add(&arguments->compile_flags, xmig_format("%s%s", option, value));
	} else if (strcmp(argument, "-include") == 0 || starts_with(argument, "-isystem")) {
		const char *option = argument[2] == 'n' ? "-include" : "-isystem";
		if (!(value = value_of(option, argc, argv, i)))
			return -1;
		xmig_list_add(&arguments->compile_flags, option);
		xmig_list_add(&arguments->compile_flags, value);
	} else if (starts_with(argument, "-L")) {
		if (!(value = value_of("-L", argc, argv, i)))
			return -1;
		xmig_list_add(&arguments->library_directories, value);
		add_link_item(arguments, XMIG_LINK_OPTION, xmig_format("-L%s", value));
	} else if (starts_with(argument, "-l")) {
		if (!(value = value_of("-l", argc, argv, i)))
			return -1;
		add_link_item(arguments, XMIG_LINK_LIBRARY, value);
	} else if (starts_with(argument, "-Wl,")) {
		/* The runtime reads .llvm_stackmaps, which nothing references. */
		if (strstr(argument, "--gc-sections"))
			return bad_usage("'%s' is not supported: it would drop the stack maps "
			                 "migration needs",
			                 argument);
		add_link_item(arguments, XMIG_LINK_OPTION, argument);
	} else if (starts_with(argument, "-x")) {
		if (!(value = value_of("-x", argc, argv, i)))
			return -1;
		if (strcmp(value, "c") == 0)
			*forced_c = 1;
		else if (strcmp(value, "none") == 0)
			*forced_c = 0;
		else
			return bad_usage("'-x %s': xmig-cc compiles C only", value);
	} else if (starts_with(argument, "-Xarch_")) {
		return parse_isa_flag(arguments, argc, argv, i);
	} else if (starts_with(argument, "-M")) {
		return parse_dependency_flag(arguments, argc, argv, i);
	} else if (starts_with(argument, "-m")) {
		fprintf(stderr,
		        "xmig-cc: '%s' is an option for one ISA: give it to that ISA's compile "
		        "with -Xarch_x86_64 %s or -Xarch_aarch64 %s\n",
		        argument, argument, argument);
		return -1;
	} else if (position_independent(argument)) {
		return bad_usage("'%s' is not supported: migratable programs are static, "
		                 "position-dependent executables",
		                 argument);
	} else if (starts_with(argument, "-flto")) {
		return bad_usage("'%s' is not supported: xmig-align lays out machine code, "
		                 "which LTO objects do not hold yet",
		                 argument);
	} else if (compile_option(argument)) {
		xmig_list_add(&arguments->compile_flags, argument);
	} else {
		return bad_usage("unknown option '%s'", argument);
	}
	return 0;
}

enum xmig_parse_result xmig_parse_arguments(int argc, char **argv, struct xmig_arguments *arguments)
{
	int forced_c = 0;
	for (int i = 1; i < argc; i++) {
		const char *argument = argv[i];
		if (strcmp(argument, "--help") == 0) {
			usage(stdout);
			return XMIG_PARSE_DONE;
		}
		if (strcmp(argument, "--version") == 0) {
			printf("xmig-cc (xmig) %s\n", XMIG_VERSION);
			return XMIG_PARSE_DONE;
		}
		int failed = argument[0] == '-' && argument[1] != '\0'
		                     ? parse_option(arguments, argc, argv, &i, &forced_c)
		                     : add_file(arguments, argument, forced_c);
		if (failed)
			return XMIG_PARSE_ERROR;
	}

	int archives = 0;
	for (size_t i = 0; i < arguments->link_item_count; i++)
		archives += arguments->link_items[i].kind == XMIG_LINK_ARCHIVE;
	if (arguments->input_count == 0 && archives == 0) {
		bad_usage("%s", "no input files");
		return XMIG_PARSE_ERROR;
	}
	size_t sources = 0;
	for (size_t i = 0; i < arguments->input_count; i++)
		sources += arguments->inputs[i].kind == XMIG_SOURCE;
	if (arguments->compile_only && sources == 0) {
		bad_usage("%s", "-c needs a C source to compile");
		return XMIG_PARSE_ERROR;
	}
	if (arguments->compile_only && arguments->output && sources > 1) {
		bad_usage("%s", "cannot give -o with -c and more than one source");
		return XMIG_PARSE_ERROR;
	}
	return XMIG_PARSE_BUILD;
}
