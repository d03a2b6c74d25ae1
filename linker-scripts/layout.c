/* Placing the sections both ISAs define at one address each: the larger
 * alignment and size of the two, in ranges that start at fixed boundaries, so
 * the result depends on nothing but the two sets of inputs. */
#include "layout.h"

#include "xmig/layout.h"
#include "xmig/unpaired_table.h"

#include <stdlib.h>
#include <string.h>

static uint64_t align_up(uint64_t value, uint64_t alignment)
{
	return (value + alignment - 1) / alignment * alignment;
}

static uint64_t larger(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static int is_power_of_two(uint64_t value)
{
	return value != 0 && (value & (value - 1)) == 0;
}

static int add_one_sided(struct xmig_layout *layout, const struct xmig_input_section *section,
                         unsigned isa, struct xmig_error *error)
{
	void *grown = realloc(layout->one_sided,
	                      (layout->one_sided_count + 1) * sizeof *layout->one_sided);
	if (!grown)
		return xmig_fail(error, "out of memory");
	layout->one_sided = grown;
	layout->one_sided[layout->one_sided_count++] =
	        (struct xmig_one_sided){section->name, section->origin, isa};
	return 0;
}

/* Both inputs are sorted by name: a merge finds the common names. */
static int match_sections(const struct xmig_isa_inputs *inputs[2], struct xmig_layout *layout,
                          struct xmig_error *error)
{
	size_t capacity = inputs[0]->count < inputs[1]->count ? inputs[0]->count : inputs[1]->count;
	layout->placements = calloc(capacity ? capacity : 1, sizeof *layout->placements);
	if (!layout->placements)
		return xmig_fail(error, "out of memory");
	size_t i = 0, j = 0;
	while (i < inputs[0]->count || j < inputs[1]->count) {
		const struct xmig_input_section *a =
		        i < inputs[0]->count ? &inputs[0]->sections[i] : NULL;
		const struct xmig_input_section *b =
		        j < inputs[1]->count ? &inputs[1]->sections[j] : NULL;
		int order = !a ? 1 : !b ? -1 : strcmp(a->name, b->name);
		if (order < 0) {
			if (add_one_sided(layout, a, 0, error))
				return -1;
			i++;
			continue;
		}
		if (order > 0) {
			if (add_one_sided(layout, b, 1, error))
				return -1;
			j++;
			continue;
		}
		if (!is_power_of_two(a->alignment) || !is_power_of_two(b->alignment))
			return xmig_fail(error, "%s: alignment %llu/%llu is not a power of two",
			                 a->name, (unsigned long long)a->alignment,
			                 (unsigned long long)b->alignment);
		layout->placements[layout->count++] = (struct xmig_placement){
		        .name = a->name,
		        .kind = a->kind,
		        .size = larger(a->size, b->size),
		        .sizes = {a->size, b->size},
		        .alignment = larger(a->alignment, b->alignment),
		};
		i++;
		j++;
	}
	return 0;
}

static int by_kind_then_name(const void *left, const void *right)
{
	const struct xmig_placement *a = left, *b = right;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Lays out one kind from `start`; returns the end. */
static uint64_t place_kind(struct xmig_layout *layout, enum xmig_section_kind kind, uint64_t start)
{
	uint64_t at = start;
	for (size_t i = 0; i < layout->count; i++) {
		struct xmig_placement *placement = &layout->placements[i];
		if (placement->kind != kind)
			continue;
		at = align_up(at, placement->alignment);
		placement->address = at;
		at += placement->size;
	}
	layout->start[kind] = start;
	layout->end[kind] = at;
	return at;
}

static uint64_t largest_alignment(const struct xmig_layout *layout, enum xmig_section_kind kind)
{
	uint64_t alignment = 1;
	for (size_t i = 0; i < layout->count; i++)
		if (layout->placements[i].kind == kind)
			alignment = larger(alignment, layout->placements[i].alignment);
	return alignment;
}

/* stdout's address T must be, for each ISA, its offset past an address its
 * section's alignment divides: T = offset (mod alignment). The alignments
 * are powers of two, so stepping by the smaller one from the lowest
 * candidate finds T within the larger one, or there is none. */
static int place_streams(struct xmig_layout *layout, uint64_t start, struct xmig_error *error)
{
	const struct xmig_standard_streams *s = layout->streams;
	uint64_t low =
	        s[0].stdout_offset > s[1].stdout_offset ? s[0].stdout_offset : s[1].stdout_offset;
	uint64_t step = s[0].alignment < s[1].alignment ? s[0].alignment : s[1].alignment;
	uint64_t large = s[0].alignment < s[1].alignment ? s[1].alignment : s[0].alignment;
	uint64_t target = align_up(start + low, step);
	for (uint64_t tried = 0; tried <= large; tried += step, target += step)
		if ((target - s[0].stdout_offset) % s[0].alignment == 0 &&
		    (target - s[1].stdout_offset) % s[1].alignment == 0) {
			layout->stdout_address = target;
			layout->streams_start = start;
			layout->streams_end = start;
			for (int isa = 0; isa < 2; isa++) {
				layout->streams_address[isa] = target - s[isa].stdout_offset;
				uint64_t end = layout->streams_address[isa] + s[isa].size;
				if (end > layout->streams_end)
					layout->streams_end = end;
			}
			return 0;
		}
	return xmig_fail(error,
	                 "the C libraries' stdout cannot share an address: at offset %#llx "
	                 "of a section aligned to %llu in one, %#llx of one aligned to %llu "
	                 "in the other",
	                 (unsigned long long)s[0].stdout_offset, (unsigned long long)s[0].alignment,
	                 (unsigned long long)s[1].stdout_offset,
	                 (unsigned long long)s[1].alignment);
}

int xmig_compute_layout(const struct xmig_isa_inputs *first, const struct xmig_isa_inputs *second,
                        const struct xmig_standard_streams *streams, struct xmig_layout *layout,
                        struct xmig_error *error)
{
	memset(layout, 0, sizeof *layout);
	const struct xmig_isa_inputs *inputs[2] = {first, second};
	if (match_sections(inputs, layout, error) != 0) {
		xmig_layout_free(layout);
		return -1;
	}
	qsort(layout->placements, layout->count, sizeof *layout->placements, by_kind_then_name);

	/* Sections larger than the whole range would overflow the arithmetic
	 * below; reject them before adding anything. */
	for (size_t i = 0; i < layout->count; i++)
		if (layout->placements[i].size > XMIG_ALIGNED_LIMIT ||
		    layout->placements[i].alignment > XMIG_ALIGNED_RANGE_ALIGNMENT * 256) {
			xmig_fail(error,
			          "%s: size %llu or alignment %llu does not fit the aligned "
			          "ranges (below %#lx)",
			          layout->placements[i].name,
			          (unsigned long long)layout->placements[i].size,
			          (unsigned long long)layout->placements[i].alignment,
			          XMIG_ALIGNED_LIMIT);
			xmig_layout_free(layout);
			return -1;
		}

	uint64_t at = place_kind(layout, XMIG_KIND_TEXT, XMIG_ALIGNED_BASE);
	if (at > XMIG_ALIGNED_TEXT_LIMIT) {
		xmig_fail(error,
		          "the instrumented code needs %llu MiB, more than the %lu MiB from %#lx "
		          "to %#lx within which it reaches libc with a direct aarch64 call",
		          (unsigned long long)((at - XMIG_ALIGNED_BASE) >> 20),
		          (XMIG_ALIGNED_TEXT_LIMIT - XMIG_ALIGNED_BASE) >> 20, XMIG_ALIGNED_BASE,
		          XMIG_ALIGNED_TEXT_LIMIT);
		xmig_layout_free(layout);
		return -1;
	}
	at = place_kind(layout, XMIG_KIND_RODATA, align_up(at, XMIG_ALIGNED_RANGE_ALIGNMENT));

	/* Every site of both sides may turn out unpaired: the table holds the
	 * IDs either side lacks or records differently. */
	layout->unpaired_capacity = first->site_count + second->site_count;
	layout->site_counts[0] = first->site_count;
	layout->site_counts[1] = second->site_count;
	layout->unpaired_address = align_up(at, 16);
	at = layout->unpaired_address + sizeof(struct xmig_unpaired_table) +
	     8 * layout->unpaired_capacity;

	if (streams) {
		layout->has_streams = 1;
		memcpy(layout->streams, streams, sizeof layout->streams);
		if (place_streams(layout, align_up(at, XMIG_ALIGNED_RANGE_ALIGNMENT), error) != 0) {
			xmig_layout_free(layout);
			return -1;
		}
		at = layout->streams_end;
	}

	at = place_kind(layout, XMIG_KIND_DATA, align_up(at, XMIG_ALIGNED_RANGE_ALIGNMENT));
	at = place_kind(layout, XMIG_KIND_BSS,
	                align_up(at, largest_alignment(layout, XMIG_KIND_BSS)));
	layout->end_of_aligned = align_up(at, 16);
	if (layout->end_of_aligned > XMIG_ALIGNED_LIMIT) {
		xmig_fail(error,
		          "the aligned code and data need %llu MiB, more than the %lu MiB between "
		          "%#lx and %#lx that the small code model reaches",
		          (unsigned long long)((layout->end_of_aligned - XMIG_ALIGNED_BASE) >> 20),
		          (XMIG_ALIGNED_LIMIT - XMIG_ALIGNED_BASE) >> 20, XMIG_ALIGNED_BASE,
		          XMIG_ALIGNED_LIMIT);
		xmig_layout_free(layout);
		return -1;
	}
	return 0;
}

void xmig_layout_free(struct xmig_layout *layout)
{
	free(layout->placements);
	free(layout->one_sided);
	memset(layout, 0, sizeof *layout);
}
