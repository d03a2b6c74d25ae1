/* Waits that are migration points (xmig/waits.h): the wrappers' state, as
 * the rest of the runtime sees it. */
#ifndef XMIG_RUNTIME_WAITS_H
#define XMIG_RUNTIME_WAITS_H

/* The call a request interrupted, for a capture made at its point ("poll",
 * "read" ...); NULL when the capture is not in a wait. */
const char *xmig_wait_in_progress(void);

#endif
