/* Whether the stack can migrate now: every frame from the migration point out
 * to __xmig_main must be a paired, safe site. */
#ifndef XMIG_RUNTIME_FRAMES_H
#define XMIG_RUNTIME_FRAMES_H

#include "xmig/registers.h"

#include <stdint.h>

struct xmig_frame_walk {
	uint64_t site_id;     /* the migration point's */
	uint64_t frame_count; /* frames that will migrate */
	int unpaired_frames;  /* how many are at sites the other ISA lacks */
	/* Set by the capture: why the other ISA could not take the state, when
	 * the image is for this binary only and something else than frames
	 * ties it here (a FILE stream, a copy of a standard stream). */
	const char *other_isa_blocked;
	/* Why not, when it cannot: a message and the address it is about. */
	const char *declined;
	uint64_t declined_at;
};

/* 0 when every frame may migrate; -1 with walk->declined set otherwise. With
 * same_isa_only, frames at unpaired sites do not count against it. */
int xmig_walk_frames(const struct xmig_registers *registers, int same_isa_only,
                     struct xmig_frame_walk *walk);

#endif
