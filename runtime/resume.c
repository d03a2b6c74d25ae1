#define _GNU_SOURCE
#include "resume.h"

#include "xmig/resume_frame.h"
#include "xmig/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

extern volatile int __xmig_resuming;

static const uint8_t *records;
static size_t records_size, next_record, remaining;
static size_t handed_out;

int xmig_resume_prepare(const uint8_t *frames, size_t size, size_t count)
{
	/* Not from the heap: the heap arena is the program's restored state. */
	void *copy = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (copy == MAP_FAILED)
		return -1;
	memcpy(copy, frames, size);
	records = copy;
	records_size = size;
	next_record = 0;
	remaining = count;
	handed_out = 0;
	__xmig_resuming = 1;
	return 0;
}

const void *__xmig_resume_frame(void)
{
	if (!__xmig_resuming || remaining == 0) {
		fputs("xmig: cannot resume: a function asked for a frame to rebuild, and none is "
		      "left\n",
		      stderr);
		exit(XMIG_EXIT_RESTORE_FAILED);
	}
	const uint8_t *record = records + next_record;
	struct xmig_resume_frame header;
	memcpy(&header, record, sizeof header);
	next_record += sizeof header + header.value_count * XMIG_RESUME_VALUE_STRIDE;
	handed_out++;
	if (--remaining == 0)
		__xmig_resuming = 0;
	return record;
}

_Noreturn void __xmig_resume_mismatch(uint64_t site_id)
{
	fprintf(stderr,
	        "xmig: cannot resume: frame %zu returns to site %#llx, which its function does "
	        "not have (the image was transformed for another binary?)\n",
	        handed_out - 1, (unsigned long long)site_id);
	exit(XMIG_EXIT_RESTORE_FAILED);
}

/* What re-entered calls get for pointer arguments (xmig/resume_frame.h). */
_Alignas(XMIG_RESUME_ARGUMENT_ALIGNMENT) char __xmig_resume_argument[XMIG_RESUME_ARGUMENT_SIZE];
