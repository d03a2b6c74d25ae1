/* The slow path of every migration point: decides whether to capture, checks
 * that the stack can migrate, and writes the image. A capture that cannot be
 * made, or fails, leaves the program running as if nothing had happened. */
#define _GNU_SOURCE
#include "capture.h"

#include "file_streams.h"
#include "frames.h"
#include "image_writer.h"
#include "own_binary.h"
#include "process_state.h"
#include "standard_files.h"
#include "stdio_buffers.h"
#include "trigger.h"
#include "xmig/layout.h"
#include "xmig/ranges.h"
#include "xmig/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Written by __xmig_point (arch/<isa>/point.S); not migrated memory. */
struct xmig_registers xmig_point_registers;

/* Defined by xmig-align's scripts; weak, so that a binary linked without
 * them still links, and only declines to migrate (no stack maps either). */
extern char __xmig_data_start[] __attribute__((weak));
extern char __xmig_data_end[] __attribute__((weak));
/* The heap's used part (heap/), absent from builds without it. */
extern uint64_t xmig_heap_used_end(void) __attribute__((weak));

static int verbose = -1;

static int is_verbose(void)
{
	if (verbose < 0) {
		const char *setting = getenv("XMIG_VERBOSE");
		verbose = setting && strcmp(setting, "1") == 0;
	}
	return verbose;
}

static void say(const char *format, const char *detail, uint64_t address)
{
	if (is_verbose())
		fprintf(stderr, format, detail, (unsigned long long)address);
}

static void fill_state(const struct xmig_registers *registers, const struct xmig_frame_walk *walk,
                       struct xmig_image_state *state)
{
	memset(state, 0, sizeof *state);
	state->version = XMIG_IMAGE_VERSION;
	state->elf_machine = xmig_own_elf_machine();
	state->site_id = walk->site_id;
	if (walk->unpaired_frames || walk->other_isa_blocked)
		state->flags |= XMIG_IMAGE_SAME_ISA_ONLY;
	state->frame_count = walk->frame_count;
	state->blocked_signals = xmig_blocked_signals();
	state->data_stack_pointer = (uint64_t)(uintptr_t)__xmig_data_stack_pointer;
	state->heap_end = xmig_heap_used_end ? xmig_heap_used_end() : XMIG_HEAP_ARENA_BASE;
	state->native_stack_top = xmig_range_usable_end(&xmig_native_stack_range);
	uint64_t(*ranges)[2] = state->ranges;
	ranges[XMIG_RANGE_ALIGNED_DATA - 1][0] = (uint64_t)(uintptr_t)__xmig_data_start;
	ranges[XMIG_RANGE_ALIGNED_DATA - 1][1] = (uint64_t)(uintptr_t)__xmig_data_end;
	ranges[XMIG_RANGE_HEAP - 1][0] = XMIG_HEAP_ARENA_BASE;
	ranges[XMIG_RANGE_HEAP - 1][1] = state->heap_end;
	ranges[XMIG_RANGE_DATA_STACK - 1][0] = XMIG_DATA_STACK_BASE;
	ranges[XMIG_RANGE_DATA_STACK - 1][1] = state->data_stack_pointer;
	ranges[XMIG_RANGE_NATIVE_STACK - 1][0] = registers->sp;
	ranges[XMIG_RANGE_NATIVE_STACK - 1][1] = state->native_stack_top;
}

/* Writes to a temporary name, syncs, then renames: a crash mid-write never
 * leaves a file under the image's name. */
static int capture_to_path(const char *path, struct xmig_image_contents *contents,
                           uint64_t *written, const char **error)
{
	char temporary[4096];
	if ((size_t)snprintf(temporary, sizeof temporary, "%s.partial.%ld", path, (long)getpid()) >=
	    sizeof temporary) {
		*error = "the image path is too long";
		return -1;
	}
	int descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (descriptor < 0) {
		*error = "cannot create the image file";
		return -1;
	}
	int status = xmig_image_write(descriptor, contents, written, error);
	if (status == 0 && fsync(descriptor) != 0) {
		*error = "cannot flush the image to disk";
		status = -1;
	}
	if (close(descriptor) != 0 && status == 0) {
		*error = "cannot close the image file";
		status = -1;
	}
	if (status == 0 && rename(temporary, path) != 0) {
		*error = "cannot rename the image into place";
		status = -1;
	}
	if (status != 0)
		unlink(temporary);
	return status;
}

static int capture(const struct xmig_registers *registers, const struct xmig_frame_walk *walk)
{
	const struct xmig_policy *policy = xmig_policy();
	char default_path[64];
	const char *path = policy->image_path;
	if (policy->image_descriptor < 0 && (!path || !*path)) {
		snprintf(default_path, sizeof default_path, "xmig-%ld.core", (long)getpid());
		path = default_path;
	}

	struct timespec started, finished;
	clock_gettime(CLOCK_MONOTONIC, &started);
	const char *error = NULL;
	xmig_trigger_announce_capture();
	/* What the program wrote must be out before its state is frozen: the
	 * destination has fresh stdio buffers. */
	fflush(NULL);
	if (xmig_stdin_give_back() != 0) {
		error = "cannot give standard input's read-ahead back to its descriptor";
		goto failed;
	}
	xmig_stdio_buffers_note();
	struct xmig_process_state process;
	struct xmig_image_contents contents = {.registers = registers};
	if (xmig_record_process_state(policy->image_descriptor, &process, &error) != 0)
		goto failed;
	fill_state(registers, walk, &contents.state);
	contents.build_id_size = xmig_own_build_id(&contents.build_id);
	contents.binary_path = xmig_own_path();
	contents.cwd = process.cwd;
	contents.files = process.files;
	contents.files_size = process.files_size;
	contents.signals = process.signals;

	uint64_t written;
	int status =
	        policy->image_descriptor >= 0
	                ? xmig_image_write(policy->image_descriptor, &contents, &written, &error)
	                : capture_to_path(path, &contents, &written, &error);
	if (status == 0) {
		clock_gettime(CLOCK_MONOTONIC, &finished);
		double seconds = (double)(finished.tv_sec - started.tv_sec) +
		                 (double)(finished.tv_nsec - started.tv_nsec) * 1e-9;
		if (is_verbose())
			fprintf(stderr, "xmig: captured %s: %llu bytes in %.6f s\n",
			        policy->image_descriptor >= 0 ? "to the image descriptor" : path,
			        (unsigned long long)written, seconds);
		return 0;
	}
failed:
	fprintf(stderr, "xmig: capture failed: %s%s%s; the program continues\n", error,
	        errno ? ": " : "", errno ? strerror(errno) : "");
	return -1;
}

/* Whether the state can be captured here; the reason in walk->declined if not. */
static int capturable(const struct xmig_registers *registers, struct xmig_frame_walk *walk)
{
	int same_isa_only = xmig_policy()->same_isa_only;
	if (xmig_walk_frames(registers, same_isa_only, walk) != 0)
		return 0;
	const char *blocked = xmig_stdin_blocks_capture();
	uint64_t at = registers->pc;
	/* What would keep the state from the other ISA: for an image that is
	 * for this binary only, it flags the image instead, which the
	 * transformer then refuses, saying so. */
	const char *foreign = NULL;
	if (!blocked) {
		foreign = xmig_file_streams_record(1);
		if (!foreign)
			foreign = xmig_standard_file_copies(
			        (uint64_t)(uintptr_t)__xmig_data_stack_pointer, &at);
	}
	if (foreign && same_isa_only) {
		walk->other_isa_blocked = foreign;
		at = registers->pc;
		blocked = xmig_file_streams_record(0);
	} else if (foreign) {
		blocked = foreign;
	}
	if (blocked) {
		walk->declined = blocked;
		walk->declined_at = at;
		return 0;
	}
	return 1;
}

void xmig_point_slow(struct xmig_registers *registers)
{
	int saved_errno = errno;
	if (!xmig_trigger_should_capture()) {
		/* Counting with XMIG_VERBOSE=1 also says where a capture would be
		 * declined, so that tests can aim at such points. */
		if (xmig_policy()->count_points && is_verbose()) {
			struct xmig_frame_walk walk;
			if (!capturable(registers, &walk))
				fprintf(stderr,
				        "xmig: point %llu would be declined: %s (at %#llx)\n",
				        (unsigned long long)xmig_points_reached(), walk.declined,
				        (unsigned long long)walk.declined_at);
		}
		xmig_trigger_after_attempt(0);
		errno = saved_errno;
		return;
	}
	struct xmig_frame_walk walk;
	if (!capturable(registers, &walk)) {
		say("xmig: not migrating here: %s (%#llx); trying again at the next point\n",
		    walk.declined, walk.declined_at);
		xmig_trigger_announce_decline(walk.declined, walk.declined_at);
		xmig_trigger_after_attempt(0);
		errno = saved_errno;
		return;
	}
	errno = 0;
	int status = capture(registers, &walk);
	xmig_trigger_after_attempt(1);
	if (status == 0 && !xmig_policy()->continue_after_capture)
		_exit(XMIG_EXIT_CAPTURED);
	errno = saved_errno;
}
