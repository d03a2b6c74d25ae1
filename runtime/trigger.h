/* When to capture, and where the image goes: from the environment the
 * launcher (or a test) sets, and from requests (request.h).
 *
 *   XMIG_CAPTURE_AT=K       capture at the K-th migration point reached (or
 *                           the first one after it where the stack can move)
 *   XMIG_IMAGE=PATH         write the image there (default xmig-PID.core)
 *   XMIG_IMAGE_FD=N         or to this open descriptor (a pipe, say)
 *   XMIG_AFTER_CAPTURE=exit|continue
 *                           stop with XMIG_EXIT_CAPTURED (default), or go on
 *   XMIG_COUNT_POINTS=1     report at exit how many points were reached
 *   XMIG_SAME_ISA_ONLY=1    the image will be restored on this ISA only: sites
 *                           the other ISA lacks do not hold the capture back
 *   XMIG_READY_FD=N         write 'R' to this descriptor once requests are
 *                           heard and the program runs (after a restore:
 *                           once restored), so that a launcher neither
 *                           asks too early nor guesses when a restore
 *                           finished; and 'C' whenever a capture begins, the
 *                           moment a request is met
 *   XMIG_REQUEST_FD=N       the read end of a pipe: each write to it asks for
 *                           a capture at the next migration point that can
 *                           (without it, the runtime makes a pipe of its own:
 *                           request.h)
 */
#ifndef XMIG_RUNTIME_TRIGGER_H
#define XMIG_RUNTIME_TRIGGER_H

#include <stdint.h>

struct xmig_policy {
	uint64_t capture_at; /* 0: not by count */
	const char *image_path;
	int image_descriptor; /* -1: use image_path */
	int continue_after_capture;
	int count_points;
	int same_isa_only;
};

/* Reads the environment and takes the request pipe; 0, or -1 with a
 * message on stderr when a setting is malformed. */
int xmig_trigger_init(void);

const struct xmig_policy *xmig_policy(void);

/* At every slow-path entry: whether to try a capture now. */
int xmig_trigger_should_capture(void);

/* After a slow-path entry: `finished` when an image was written, or writing
 * it failed (no retry then); otherwise a request that was declined stays
 * pending. */
void xmig_trigger_after_attempt(int finished);

uint64_t xmig_points_reached(void);

/* A restore is about to give one of the program's files this number: a
 * launcher's descriptor there moves elsewhere. */
void xmig_trigger_vacate(int descriptor);

/* A copy of a runtime-owned descriptor at a high number, out of the
 * program's way and close-on-exec, the original closed; the descriptor
 * itself when no copy can be made. */
int xmig_move_out_of_the_way(int descriptor);

/* Starts hearing requests and tells XMIG_READY_FD's reader, if any, that the
 * program is about to run. */
void xmig_trigger_announce_ready(void);

/* Tells it that a capture begins: the program stopped at a point where its
 * stack can move. */
void xmig_trigger_announce_capture(void);

/* Tells it why a requested capture waits: the reason, and the return
 * address of the frame that holds it back (or 0). At most every quarter of
 * a second for the same reason and place. */
void xmig_trigger_announce_decline(const char *reason, uint64_t at);

#endif
