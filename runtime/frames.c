/* The frame-pointer walk. Instrumented functions always keep a frame record
 * (saved frame pointer, then return address) at their frame pointer, on both
 * ISAs; the walk only follows it through frames it has recognised as sites,
 * so it never reads a frame of code that may not keep one. */
#include "frames.h"

#include "site_table.h"
#include "xmig/ranges.h"
#include "xmig/site_record.h"

/* arch/<isa>/enter_main.S: where __xmig_main returns. */
extern const char __xmig_main_return[];

/* Why a site is unsafe, for the line that says a capture was declined. */
static const char *unsafe_reason(uint32_t flags)
{
	if (flags & XMIG_SITE_USES_SETJMP)
		return "a frame is in a function that called setjmp";
	if (flags & XMIG_SITE_USES_VA_START)
		return "a frame is in a function with a va_list";
	if (flags & XMIG_SITE_USES_INLINE_ASM)
		return "a frame is in a function with inline assembly";
	if (flags & XMIG_SITE_USES_FRAME_ADDR)
		return "a frame is in a function that takes a frame or return address";
	if (flags & XMIG_SITE_PER_ISA_LOCAL)
		return "a frame holds a live local whose layout differs between the ISAs "
		       "(struct stat, a pthread type ...)";
	return "a frame holds a live value of a type that does not migrate (long double)";
}

static int decline(struct xmig_frame_walk *walk, const char *reason, uint64_t address)
{
	walk->declined = reason;
	walk->declined_at = address;
	return -1;
}

int xmig_walk_frames(const struct xmig_registers *registers, int same_isa_only,
                     struct xmig_frame_walk *walk)
{
	walk->unpaired_frames = 0;
	walk->other_isa_blocked = NULL;
	walk->site_id = 0;
	walk->frame_count = 0;
	walk->declined = NULL;
	walk->declined_at = 0;
	const char *unavailable = xmig_site_table_prepare();
	if (unavailable)
		return decline(walk, unavailable, 0);

	uint64_t stack_low = xmig_native_stack_range.base + xmig_native_stack_range.guard_below;
	uint64_t stack_high = xmig_range_usable_end(&xmig_native_stack_range);
	uint64_t pc = registers->pc;
	uint64_t fp = registers->fp;
	const struct xmig_runtime_site *site = xmig_site_at(pc);
	if (!site || !(site->flags & XMIG_SITE_MIGRATION_POINT))
		return decline(walk, "__xmig_point was not called from a migration point", pc);
	walk->site_id = site->id;
	for (;;) {
		site = xmig_site_at(pc);
		if (!site)
			return decline(walk,
			               "a frame returns into code that was not instrumented "
			               "(a callback from a library?)",
			               pc);
		/* A per-ISA local stays meaningful on this ISA only. */
		uint32_t per_isa = site->flags & XMIG_SITE_PER_ISA_LOCAL;
		if ((site->flags & XMIG_SITE_UNSAFE & ~XMIG_SITE_PER_ISA_LOCAL) ||
		    (per_isa && !same_isa_only))
			return decline(walk, unsafe_reason(site->flags), pc);
		if (site->unpaired && !same_isa_only)
			return decline(walk, "a frame is at a site the other ISA cannot resume",
			               pc);
		walk->unpaired_frames += site->unpaired || per_isa;
		walk->frame_count++;
		/* The frame record must lie inside the native stack, above the
		 * previous one: anything else is not a chain the walk can trust. */
		if (fp < stack_low || fp > stack_high - 16 || (fp & 7) != 0 || fp < registers->sp)
			return decline(walk, "the frame-pointer chain leaves the native stack", fp);
		const uint64_t *record = (const uint64_t *)(uintptr_t)fp;
		uint64_t caller_fp = record[0];
		uint64_t return_address = record[1];
		if (return_address == (uint64_t)(uintptr_t)__xmig_main_return)
			return 0;
		/* A caller without sites (libc calling back) keeps no frame
		 * record: say that, rather than what its frame pointer holds. */
		if (!xmig_site_at(return_address))
			return decline(walk,
			               "a frame returns into code that was not instrumented "
			               "(a callback from a library?)",
			               return_address);
		if (caller_fp <= fp)
			return decline(walk, "the frame-pointer chain does not go outwards", fp);
		pc = return_address;
		fp = caller_fp;
	}
}
