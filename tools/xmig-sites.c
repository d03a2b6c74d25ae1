/* xmig-sites: the equivalence sites of an xmig binary or object of either
 * ISA, read from every translation unit's stack map. */
#include "xmig/binary_sites.h"
#include "xmig/elf_file.h"
#include "xmig/pairing.h"
#include "xmig/site_record.h"
#include "xmig/sites.h"
#include "xmig/stackmap.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fputs("usage: xmig-sites [-v] [--verify] [--stackmap] FILE\n"
	      "       xmig-sites [-v] --pair FIRST SECOND\n"
	      "  Prints a summary of the sites in FILE (an xmig binary or object).\n"
	      "  --pair         how many sites of two builds of one program pair up (same\n"
	      "                 ID, value count, value types and frame layout); with -v,\n"
	      "                 every unpaired site and why\n"
	      "  -v, --verbose  every site: ID, return address, function, flags, and each\n"
	      "                 live value's type and location\n"
	      "  --verify       check that every site's return address follows a call\n"
	      "                 instruction (linked binaries only); exit 1 if one does not\n"
	      "  --stackmap     print every stack-map blob in llvm-readobj --stackmap's format\n"
	      "  -h, --help     this text\n",
	      out);
}

static void print_location(const struct xmig_isa *isa, const struct xmig_location *location)
{
	const char *name = xmig_isa_register_name(isa, location->dwarf_register);
	char fallback[16];
	if (!name) {
		snprintf(fallback, sizeof fallback, "r%u", location->dwarf_register);
		name = fallback;
	}
	switch (location->kind) {
	case XMIG_LOCATION_REGISTER:
		printf("%s", name);
		break;
	case XMIG_LOCATION_DIRECT:
		printf("%s%+" PRId32, name, location->offset);
		break;
	case XMIG_LOCATION_INDIRECT:
		printf("[%s%+" PRId32 "]", name, location->offset);
		break;
	case XMIG_LOCATION_CONSTANT:
	case XMIG_LOCATION_CONSTANT_INDEX:
		printf("constant %" PRId64, (int64_t)location->constant);
		break;
	}
	printf(" (%u bytes)", location->size);
}

static void print_flags(unsigned flags)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
	        {XMIG_SITE_MIGRATION_POINT, "migration-point"},
	        {XMIG_SITE_UNSUPPORTED_VALUE, "unsafe:unsupported-value"},
	        {XMIG_SITE_USES_VA_START, "unsafe:va_start"},
	        {XMIG_SITE_USES_FRAME_ADDR, "unsafe:frame-address"},
	        {XMIG_SITE_USES_INLINE_ASM, "unsafe:inline-asm"},
	        {XMIG_SITE_USES_SETJMP, "unsafe:setjmp"},
	        {XMIG_SITE_RESUME_PATHS, "resume-paths"},
	        {XMIG_SITE_PER_ISA_LOCAL, "unsafe:per-isa-local"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & names[i].flag)
			printf(" %s", names[i].name);
}

static void print_site(struct xmig_elf_file *file, const struct xmig_site *site)
{
	uint64_t offset = 0;
	const char *function = xmig_site_function_name(file, site, &offset);
	printf("site %#018" PRIx64 " at %#" PRIx64, site->id, site->return_address);
	if (function)
		printf(" in %s+%#" PRIx64, function, offset);
	printf(", %u source frames, %u values", site->frame_count, site->value_count);
	print_flags(site->flags);
	printf("\n");
	for (unsigned f = 0; f < site->frame_count; f++) {
		const struct xmig_source_frame *frame = &site->frames[f];
		printf("  frame %u: site %#018" PRIx64 ", signature %#018" PRIx64 ", %u values", f,
		       frame->id, frame->frame_signature, frame->value_count);
		print_flags(frame->flags);
		printf("\n    data-stack top ");
		print_location(file->isa, frame->data_stack_top);
		printf("\n");
		for (unsigned i = 0; i < frame->value_count; i++) {
			char type[32];
			printf("    %-12s ",
			       xmig_type_tag_name(frame->values[i].type_tag, type, sizeof type));
			print_location(file->isa, frame->values[i].location);
			printf("\n");
		}
	}
}

/* The same text as llvm-readobj --stackmap for each blob, so that a test can
 * compare this reader with LLVM's on single-blob objects. */
static void print_stackmap(const struct xmig_stackmap *stackmap)
{
	for (size_t b = 0; b < stackmap->blob_count; b++) {
		const struct xmig_stackmap_blob *blob = &stackmap->blobs[b];
		printf("LLVM StackMap Version: 3\n");
		printf("Num Functions: %" PRIu32 "\n", blob->function_count);
		for (uint32_t f = 0; f < blob->function_count; f++) {
			const struct xmig_stackmap_function *function =
			        &stackmap->functions[blob->first_function + f];
			printf("  Function address: %" PRIu64 ", stack size: %" PRIu64
			       ", callsite record count: %" PRIu64 "\n",
			       function->address, function->stack_size, function->record_count);
		}
		printf("Num Constants: %" PRIu32 "\n", blob->constant_count);
		for (uint32_t c = 0; c < blob->constant_count; c++)
			printf("  #%" PRIu32 ": %" PRIu64 "\n", c + 1, blob->constants[c]);
		printf("Num Records: %" PRIu32 "\n", blob->record_count);
		for (uint32_t r = 0; r < blob->record_count; r++) {
			const struct xmig_stackmap_record *record =
			        &stackmap->records[blob->first_record + r];
			printf("  Record ID: %" PRIu64 ", instruction offset: %" PRIu32 "\n",
			       record->id, record->instruction_offset);
			printf("    %u locations:\n", record->location_count);
			for (unsigned l = 0; l < record->location_count; l++) {
				const struct xmig_location *location = &record->locations[l];
				printf("      #%u: ", l + 1);
				switch (location->kind) {
				case XMIG_LOCATION_REGISTER:
					printf("Register R#%u", location->dwarf_register);
					break;
				case XMIG_LOCATION_DIRECT:
					printf("Direct R#%u + %" PRId32, location->dwarf_register,
					       location->offset);
					break;
				case XMIG_LOCATION_INDIRECT:
					printf("Indirect [R#%u + %" PRId32 "]",
					       location->dwarf_register, location->offset);
					break;
				case XMIG_LOCATION_CONSTANT:
					printf("Constant %" PRIu32, (uint32_t)location->offset);
					break;
				case XMIG_LOCATION_CONSTANT_INDEX:
					printf("ConstantIndex #%" PRIu32 " (%" PRIu64 ")",
					       location->constant_index, location->constant);
					break;
				}
				printf(", size: %u\n", location->size);
			}
			printf("    %u live-outs: [ ", record->live_out_count);
			for (unsigned o = 0; o < record->live_out_count; o++)
				printf("R#%u (%u-bytes) ", record->live_outs[o].dwarf_register,
				       record->live_outs[o].size);
			printf("]\n");
		}
	}
}

/* Every site's return address must directly follow a call: that is the
 * address the runtime finds on the stack. */
static int verify_return_addresses(struct xmig_elf_file *file, const struct xmig_site_table *sites)
{
	if (!file->linked) {
		fprintf(stderr, "xmig-sites: %s: --verify needs a linked binary, not an object\n",
		        file->path);
		return -1;
	}
	size_t failures = 0;
	for (size_t i = 0; i < sites->count; i++) {
		size_t available;
		const uint8_t *code =
		        xmig_elf_code_at(file, sites->sites[i].return_address, &available);
		if (code && file->isa->follows_call(code, available))
			continue;
		fprintf(stderr,
		        "xmig-sites: %s: site %#" PRIx64 " at %#" PRIx64
		        " does not follow a call\n",
		        file->path, sites->sites[i].id, sites->sites[i].return_address);
		failures++;
	}
	return failures == 0 ? 0 : -1;
}

/* Loads the binary's sites, reporting failure on stderr. */
static int load(const char *path, int only_stackmap, struct xmig_binary_sites *loaded)
{
	struct xmig_error error = {{0}};
	if (xmig_binary_sites_load(path, only_stackmap, loaded, &error) == 0)
		return 0;
	fprintf(stderr, "xmig-sites: %s\n", error.message);
	return -1;
}

struct pairing_report {
	struct xmig_binary_sites *first, *second;
	int verbose;
	long total;
};

static void report_pairing(enum xmig_pairing_outcome outcome, const struct xmig_source_frame *first,
                           const struct xmig_source_frame *second, void *context)
{
	struct pairing_report *report = context;
	report->total++;
	if (!report->verbose || outcome == XMIG_PAIRED)
		return;
	const struct xmig_source_frame *site = first ? first : second;
	const char *function =
	        xmig_source_frame_function(first ? report->first : report->second, site);
	printf("unpaired %#018" PRIx64 " in %s: %s", site->id, function ? function : "?",
	       xmig_pairing_outcome_name(outcome));
	if (first && second)
		printf(" (%u vs %u values)", first->value_count, second->value_count);
	printf("\n");
}

static int pair(const char *first_path, const char *second_path, int verbose)
{
	struct xmig_binary_sites first, second;
	if (load(first_path, 0, &first) != 0)
		return 1;
	if (load(second_path, 0, &second) != 0) {
		xmig_binary_sites_free(&first);
		return 1;
	}
	struct pairing_report report = {&first, &second, verbose, 0};
	long paired = xmig_pair_sites(&first.sites, &second.sites, report_pairing, &report);
	int status = 0;
	if (paired < 0) {
		fprintf(stderr, "xmig-sites: out of memory pairing sites\n");
		status = 1;
	} else {
		printf("%s / %s: %ld of %ld site IDs paired (%.1f%%)\n", first_path, second_path,
		       paired, report.total, report.total ? 100.0 * paired / report.total : 100.0);
	}
	xmig_binary_sites_free(&first);
	xmig_binary_sites_free(&second);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
	        {"verbose", no_argument, NULL, 'v'},  {"verify", no_argument, NULL, 'V'},
	        {"stackmap", no_argument, NULL, 's'}, {"pair", no_argument, NULL, 'p'},
	        {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0},
	};
	int verbose = 0, verify = 0, dump_stackmap = 0, pairing = 0, option;
	while ((option = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
		switch (option) {
		case 'v':
			verbose = 1;
			break;
		case 'V':
			verify = 1;
			break;
		case 's':
			dump_stackmap = 1;
			break;
		case 'p':
			pairing = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - (pairing ? 2 : 1)) {
		usage(stderr);
		return 2;
	}
	if (pairing)
		return pair(argv[optind], argv[optind + 1], verbose);

	const char *path = argv[optind];
	struct xmig_binary_sites loaded;
	if (load(path, dump_stackmap, &loaded) != 0)
		return 1;
	if (dump_stackmap) {
		print_stackmap(&loaded.stackmap);
		xmig_binary_sites_free(&loaded);
		return 0;
	}

	size_t unsafe = 0, points = 0;
	for (size_t i = 0; i < loaded.sites.count; i++) {
		unsafe += (loaded.sites.sites[i].flags & XMIG_SITE_UNSAFE) != 0;
		points += (loaded.sites.sites[i].flags & XMIG_SITE_MIGRATION_POINT) != 0;
		if (verbose)
			print_site(&loaded.file, &loaded.sites.sites[i]);
	}
	printf("%s (%s): %zu sites in %zu functions, %zu migration points, %zu unsafe\n", path,
	       loaded.file.isa->name, loaded.sites.count, loaded.stackmap.function_count, points,
	       unsafe);
	int status = verify && verify_return_addresses(&loaded.file, &loaded.sites) != 0 ? 1 : 0;
	xmig_binary_sites_free(&loaded);
	return status;
}
