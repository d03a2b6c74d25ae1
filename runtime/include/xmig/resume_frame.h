/* How a migrated source frame is handed back to its function on the
 * destination.
 *
 * A transformed image does not carry the destination's native stack for the
 * runtime to copy in: the frames are rebuilt by the destination's own code.
 * The runtime enters __xmig_main with __xmig_resuming set; every instrumented
 * function checks the flag on entry and, when set, takes the record of its
 * source frame (__xmig_resume_frame, outermost first), stores the values into
 * its variables, sets the data-stack pointer, and re-enters the site's call,
 * whose callee does the same, down to the migration point, where execution
 * simply continues. The paths were built before any optimization
 * (llvm-pass/ResumePaths.cpp), so the optimizer made them correct for its own
 * code: one record per source frame serves a function whether the
 * destination inlined it or not (docs/transform.md explains).
 *
 * The records follow each other in the image's XMIG_NOTE_FRAMES note, each a
 * header and value_count values of XMIG_RESUME_VALUE_STRIDE bytes, in the
 * order of the site record's values; a value's bytes are little-endian and
 * zero beyond its type's width. The plugin emits the offsets as constants. */
#ifndef XMIG_RESUME_FRAME_H
#define XMIG_RESUME_FRAME_H

#include <stdint.h>

#define XMIG_RESUME_VALUE_OFFSET 32
#define XMIG_RESUME_VALUE_STRIDE 64

struct xmig_resume_frame {
	uint64_t site_id;        /* the site this frame's call returns to */
	uint64_t callee;         /* the next inner frame's function, for an indirect call */
	uint64_t value_count;    /* values after this header */
	uint64_t data_stack_top; /* the data-stack pointer at the call */
};

#ifdef __cplusplus
static_assert(sizeof(struct xmig_resume_frame) == XMIG_RESUME_VALUE_OFFSET,
              "the plugin addresses values from this offset");
#else
_Static_assert(sizeof(struct xmig_resume_frame) == XMIG_RESUME_VALUE_OFFSET,
               "the plugin addresses values from this offset");
#endif

/* A call re-entered to rebuild a frame gets arguments its callee ignores;
 * pointers among them point at this runtime-owned area, __xmig_resume_argument,
 * which also takes byval copies of up to this size. */
#define XMIG_RESUME_ARGUMENT_SIZE      4096
#define XMIG_RESUME_ARGUMENT_ALIGNMENT 64

/* Bounds a reader enforces on a frames note. */
#define XMIG_RESUME_MAX_VALUES 0xffffu

#endif
