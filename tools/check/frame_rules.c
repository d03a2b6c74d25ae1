#include "frame_rules.h"

#include "xmig/cfi.h"
#include "xmig/site_record.h"

#include <stdint.h>

static const char *problem(const struct xmig_isa *isa, struct xmig_cfi *cfi,
                           const struct xmig_site *site)
{
	struct xmig_cfi_row row;
	struct xmig_error error;
	if (xmig_cfi_row_at(cfi, site->return_address - 1, &row, &error) != 0)
		return "no CFI row covers its call";
	if (row.cfa_register != isa->frame_pointer)
		return "its CFA is not based on the frame pointer";
	if (row.rules[isa->return_address].kind != XMIG_CFI_OFFSET)
		return "the CFI does not save its return address in the frame";
	if (row.rules[isa->frame_pointer].kind != XMIG_CFI_OFFSET)
		return "the CFI does not save its caller's frame pointer in the frame";
	uint64_t size = site->record->function->stack_size;
	if (size == UINT64_MAX)
		return "its frame has no fixed size";
	if ((size + isa->call_pushes) % isa->stack_alignment != 0)
		return "its frame size leaves the stack misaligned at calls";
	if ((uint64_t)row.cfa_offset > size + isa->call_pushes)
		return "its CFA lies above the frame the stack map records";
	return NULL;
}

long xmig_check_frame_rules(struct xmig_binary_sites *binary,
                            void (*bad)(const struct xmig_site *site, const char *reason,
                                        void *context),
                            void *context, FILE *errors)
{
	struct xmig_cfi *cfi;
	struct xmig_error error;
	if (xmig_cfi_open(&binary->file, &cfi, &error) != 0) {
		fprintf(errors, "xmig-check: %s\n", error.message);
		return -1;
	}
	long failed = 0;
	for (size_t i = 0; i < binary->sites.count; i++) {
		const struct xmig_site *site = &binary->sites.sites[i];
		/* The refusal in a resume path never returns: nothing unwinds it. */
		if (site->frame_count == 1 && (site->flags & XMIG_SITE_RESUME_PATHS))
			continue;
		const char *why = problem(binary->file.isa, cfi, site);
		if (why) {
			bad(site, why, context);
			failed++;
		}
	}
	xmig_cfi_close(cfi);
	return failed;
}
