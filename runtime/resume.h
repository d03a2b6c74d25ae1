/* Rebuilding the frames of a transformed image by re-entering them
 * (xmig/resume_frame.h): the records, handed out one per function entry. */
#ifndef XMIG_RUNTIME_RESUME_H
#define XMIG_RUNTIME_RESUME_H

#include <stddef.h>
#include <stdint.h>

/* Keeps a copy of the validated frames note (it outlives the image's
 * mapping) and sets __xmig_resuming. 0, or -1 when out of memory. */
int xmig_resume_prepare(const uint8_t *frames, size_t size, size_t count);

/* Called by the resume path of every instrumented function (llvm-pass/
 * Resume.cpp): the next record, outermost first. Handing out the last one
 * clears __xmig_resuming, so that the innermost frame runs on normally. */
const void *__xmig_resume_frame(void);

/* A function was handed a record of a site it does not have. */
_Noreturn void __xmig_resume_mismatch(uint64_t site_id);

#endif
