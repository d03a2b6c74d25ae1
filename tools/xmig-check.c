/* xmig-check: whether the two binaries of one program were linked together by
 * xmig-align's scripts (every aligned symbol at one address, nothing else in
 * the aligned ranges), and which sites pair up. The IDs of unpaired sites go
 * into both binaries, where the runtime reads them. */
#include "check/aligned_symbols.h"
#include "check/frame_rules.h"
#include "check/unpaired_writer.h"
#include "xmig/binary_sites.h"
#include "xmig/pairing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fputs("usage: xmig-check [-v] [--no-write] BINARY BINARY\n"
	      "Checks the x86_64 and the aarch64 binary of one program (in either order):\n"
	      "  - every symbol in the aligned ranges has the same address in both, and\n"
	      "    nothing else lies in those ranges;\n"
	      "  - which migration sites pair up (same ID, same live values and types).\n"
	      "Writes the unpaired site IDs into both binaries, for the runtime, unless\n"
	      "--no-write. Exit status: 0 aligned (unpaired sites are warnings: the\n"
	      "runtime does not migrate while one is on the stack), 1 not aligned,\n"
	      "2 bad input.\n"
	      "  -v          list every unpaired site\n"
	      "  --no-write  check only\n",
	      out);
}

struct unpaired_site {
	uint64_t id;
	const char *function;
	enum xmig_pairing_outcome outcome;
};

struct pairing {
	struct xmig_binary_sites *binaries[2];
	struct unpaired_site *unpaired;
	size_t unpaired_count;
	long total;
	int out_of_memory;
};

static void add_unpaired(struct pairing *pairing, uint64_t id, const char *function,
                         enum xmig_pairing_outcome outcome)
{
	void *grown = realloc(pairing->unpaired,
	                      (pairing->unpaired_count + 1) * sizeof *pairing->unpaired);
	if (!grown) {
		pairing->out_of_memory = 1;
		return;
	}
	pairing->unpaired = grown;
	pairing->unpaired[pairing->unpaired_count++] =
	        (struct unpaired_site){id, function ? function : "(unknown function)", outcome};
}

static void collect(enum xmig_pairing_outcome outcome, const struct xmig_source_frame *first,
                    const struct xmig_source_frame *second, void *context)
{
	struct pairing *pairing = context;
	pairing->total++;
	if (outcome == XMIG_PAIRED)
		return;
	const struct xmig_source_frame *site = first ? first : second;
	const char *function = xmig_source_frame_function(pairing->binaries[first ? 0 : 1], site);
	add_unpaired(pairing, site->id, function, outcome);
}

/* A site whose machine frame the transformer could not read: reported, and
 * every source frame it holds goes into the unpaired table. */
struct frame_check {
	struct pairing *pairing;
	struct xmig_binary_sites *binary;
	int reported;
};

static void bad_frame(const struct xmig_site *site, const char *reason, void *context)
{
	struct frame_check *check = context;
	uint64_t offset = 0;
	const char *function = xmig_site_function_name(&check->binary->file, site, &offset);
	fprintf(stderr, "xmig-check: %s: the frame at %s+%#llx: %s; its sites are unpaired\n",
	        check->binary->file.path, function ? function : "?", (unsigned long long)offset,
	        reason);
	for (unsigned f = 0; f < site->frame_count; f++)
		add_unpaired(check->pairing, site->frames[f].id, function, XMIG_FRAME_UNREADABLE);
}

static int by_function_then_outcome(const void *left, const void *right)
{
	const struct unpaired_site *a = left, *b = right;
	int order = strcmp(a->function, b->function);
	if (order != 0)
		return order;
	if (a->outcome != b->outcome)
		return a->outcome < b->outcome ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int by_id(const void *left, const void *right)
{
	uint64_t a = *(const uint64_t *)left, b = *(const uint64_t *)right;
	return a < b ? -1 : a > b;
}

/* "name: only in x86_64" rather than "only in first": the outcome's name is
 * phrased for the order the binaries were given in. */
static const char *reason(enum xmig_pairing_outcome outcome, struct xmig_binary_sites *binaries[2],
                          char *buffer, size_t size)
{
	if (outcome == XMIG_ONLY_IN_FIRST || outcome == XMIG_ONLY_IN_SECOND) {
		snprintf(buffer, size, "only in %s",
		         binaries[outcome == XMIG_ONLY_IN_FIRST ? 0 : 1]->file.isa->name);
		return buffer;
	}
	return xmig_pairing_outcome_name(outcome);
}

static void print_unpaired(struct pairing *pairing, int verbose)
{
	qsort(pairing->unpaired, pairing->unpaired_count, sizeof *pairing->unpaired,
	      by_function_then_outcome);
	char buffer[64];
	for (size_t i = 0; i < pairing->unpaired_count;) {
		const char *function = pairing->unpaired[i].function;
		size_t end = i;
		while (end < pairing->unpaired_count &&
		       strcmp(pairing->unpaired[end].function, function) == 0)
			end++;
		printf("  %-40s %zu unpaired:", function, end - i);
		for (size_t k = i; k < end;) {
			size_t same = k;
			while (same < end &&
			       pairing->unpaired[same].outcome == pairing->unpaired[k].outcome)
				same++;
			printf("%s %zu %s", k > i ? "," : "", same - k,
			       reason(pairing->unpaired[k].outcome, pairing->binaries, buffer,
			              sizeof buffer));
			k = same;
		}
		printf("\n");
		if (verbose)
			for (size_t k = i; k < end; k++)
				printf("    %#018" PRIx64 " %s\n", pairing->unpaired[k].id,
				       reason(pairing->unpaired[k].outcome, pairing->binaries,
				              buffer, sizeof buffer));
		i = end;
	}
}

/* The sorted, unique IDs of the unpaired sites. */
static uint64_t *unpaired_ids(const struct pairing *pairing, size_t *count)
{
	uint64_t *ids = calloc(pairing->unpaired_count ? pairing->unpaired_count : 1, sizeof *ids);
	if (!ids)
		return NULL;
	for (size_t i = 0; i < pairing->unpaired_count; i++)
		ids[i] = pairing->unpaired[i].id;
	qsort(ids, pairing->unpaired_count, sizeof *ids, by_id);
	size_t unique = 0;
	for (size_t i = 0; i < pairing->unpaired_count; i++)
		if (unique == 0 || ids[unique - 1] != ids[i])
			ids[unique++] = ids[i];
	*count = unique;
	return ids;
}

int main(int argc, char **argv)
{
	int verbose = 0, write = 1;
	const char *paths[2];
	int path_count = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
		} else if (strcmp(argv[i], "--no-write") == 0) {
			write = 0;
		} else if (argv[i][0] == '-' || path_count == 2) {
			fprintf(stderr, "xmig-check: unexpected argument '%s' (see --help)\n",
			        argv[i]);
			return 2;
		} else {
			paths[path_count++] = argv[i];
		}
	}
	if (path_count != 2) {
		usage(stderr);
		return 2;
	}

	struct xmig_binary_sites binaries[2];
	struct xmig_error error = {{0}};
	for (int side = 0; side < 2; side++)
		if (xmig_binary_sites_load(paths[side], 0, &binaries[side], &error) != 0) {
			fprintf(stderr, "xmig-check: %s\n", error.message);
			if (side == 1)
				xmig_binary_sites_free(&binaries[0]);
			return 2;
		}

	int status = 2;
	struct pairing pairing = {{&binaries[0], &binaries[1]}, NULL, 0, 0, 0};
	struct xmig_elf_file *files[2] = {&binaries[0].file, &binaries[1].file};
	struct xmig_aligned_ranges ranges[2];
	if (!files[0]->linked || !files[1]->linked) {
		fprintf(stderr, "xmig-check: %s is an object file; give it the linked binaries\n",
		        paths[files[0]->linked ? 1 : 0]);
		goto out;
	}
	if (files[0]->isa == files[1]->isa) {
		fprintf(stderr,
		        "xmig-check: both binaries are %s; give it one x86_64 and one aarch64 "
		        "binary of the same program\n",
		        files[0]->isa->name);
		goto out;
	}
	if (xmig_read_aligned_ranges(files[0], &ranges[0]) != 0 ||
	    xmig_read_aligned_ranges(files[1], &ranges[1]) != 0)
		goto out;

	unsigned long aligned_symbols = 0;
	long errors = xmig_check_alignment(files, ranges, stderr, &aligned_symbols);
	if (errors < 0)
		goto out;
	if (xmig_pair_sites(&binaries[0].sites, &binaries[1].sites, collect, &pairing) < 0 ||
	    pairing.out_of_memory) {
		fprintf(stderr, "xmig-check: out of memory pairing sites\n");
		goto out;
	}
	for (int side = 0; side < 2; side++) {
		struct frame_check check = {&pairing, &binaries[side], 0};
		if (xmig_check_frame_rules(&binaries[side], bad_frame, &check, stderr) < 0)
			goto out;
		if (pairing.out_of_memory) {
			fprintf(stderr, "xmig-check: out of memory checking frames\n");
			goto out;
		}
	}
	long paired = pairing.total - (long)pairing.unpaired_count;
	printf("%s / %s\n", paths[0], paths[1]);
	printf("aligned: %lu symbols at the same address in both, %s\n", aligned_symbols,
	       errors ? "with errors" : "no errors");
	printf("sites: %ld of %ld paired (%.1f%%)\n", paired, pairing.total,
	       pairing.total ? 100.0 * (double)paired / (double)pairing.total : 100.0);
	print_unpaired(&pairing, verbose);
	if (errors > 0) {
		fprintf(stderr,
		        "xmig-check: %s and %s are not aligned (%ld errors): rebuild both from the "
		        "same objects, in one xmig-cc or xmig_add_executable build\n",
		        paths[0], paths[1], errors);
		status = 1;
		goto out;
	}
	status = 0;
	if (write) {
		size_t count;
		uint64_t *ids = unpaired_ids(&pairing, &count);
		if (!ids || xmig_write_unpaired_table(paths[0], ids, count) != 0 ||
		    xmig_write_unpaired_table(paths[1], ids, count) != 0)
			status = 2;
		free(ids);
	}
out:
	free(pairing.unpaired);
	xmig_binary_sites_free(&binaries[0]);
	xmig_binary_sites_free(&binaries[1]);
	return status;
}
