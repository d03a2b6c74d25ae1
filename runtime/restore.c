#define _GNU_SOURCE
#include "restore.h"

#include "exit_handlers.h"
#include "file_streams.h"
#include "heap/arena.h"
#include "jump_buffer.h"
#include "own_binary.h"
#include "process_state.h"
#include "resume.h"
#include "stdio_buffers.h"
#include "trigger.h"
#include "xmig/core_registers.h"
#include "xmig/image_reader.h"
#include "xmig/layout.h"
#include "xmig/ranges.h"
#include "xmig/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* arch/<isa>/point.S */
_Noreturn void xmig_resume(const struct xmig_registers *registers);
/* arch/<isa>/enter_main.S */
_Noreturn void xmig_enter_main(uintptr_t stack_top, int argc, char **argv, char **envp);

/* Defined by xmig-align's scripts; weak, so that a binary linked without
 * them still links, and refuses to restore. */
extern char __xmig_data_start[] __attribute__((weak));
extern char __xmig_data_end[] __attribute__((weak));
extern const char __xmig_text_start[] __attribute__((weak));
extern const char __xmig_text_end[] __attribute__((weak));

#define PAGE 4096u

/* The registers outlive the image's mapping, and the stacks being rewritten:
 * static storage. */
static struct xmig_registers resume_registers;

static const char *image_name;

__attribute__((format(printf, 1, 2))) _Noreturn static void refuse(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	fprintf(stderr, "xmig: cannot restore %s: ", image_name);
	vfprintf(stderr, format, arguments);
	fputc('\n', stderr);
	va_end(arguments);
	exit(XMIG_EXIT_RESTORE_FAILED);
}

static int inside(uint64_t start, uint64_t size, uint64_t low, uint64_t high)
{
	return start >= low && start <= high && size <= high - start;
}

/* Loads may only write where migrated memory lives in this process. */
static int load_is_allowed(const struct xmig_image_load *load)
{
	uint64_t allowed[4][2] = {
	        {(uint64_t)(uintptr_t)__xmig_data_start, (uint64_t)(uintptr_t)__xmig_data_end},
	        {XMIG_HEAP_ARENA_BASE, xmig_range_usable_end(&xmig_heap_arena_range)},
	        {XMIG_DATA_STACK_BASE, xmig_range_usable_end(&xmig_data_stack_range)},
	        {xmig_native_stack_range.base + xmig_native_stack_range.guard_below,
	         xmig_range_usable_end(&xmig_native_stack_range)},
	};
	for (int r = 0; r < 4; r++)
		if (inside(load->address, load->memory_size, allowed[r][0], allowed[r][1]))
			return 1;
	return 0;
}

static void check_identity(const struct xmig_image *image)
{
	const struct xmig_core_layout *own = xmig_core_layout_for_machine(xmig_own_elf_machine());
	if (image->elf_machine != own->elf_machine)
		refuse("it holds %s state and this is the %s binary; transform it first "
		       "(xmig-transform)",
		       image->isa, own->isa);
	const uint8_t *build_id;
	uint32_t size = xmig_own_build_id(&build_id);
	if (size == 0)
		refuse("this binary has no build-id to check the image against");
	if (size != image->build_id_size || memcmp(build_id, image->build_id, size) != 0)
		refuse("it was captured from another binary (%s), not this one (%s): build-ids "
		       "differ",
		       image->binary_path, xmig_own_path());
}

static void check_registers(const struct xmig_image *image)
{
	const struct xmig_registers *registers = &image->registers;
	uint64_t stack_low = xmig_native_stack_range.base + xmig_native_stack_range.guard_below;
	uint64_t stack_high = xmig_range_usable_end(&xmig_native_stack_range);
	if (registers->sp < stack_low || registers->sp >= stack_high || (registers->sp & 15) != 0)
		refuse("its stack pointer %#llx is not in the native stack",
		       (unsigned long long)registers->sp);
	if (registers->pc < (uint64_t)(uintptr_t)__xmig_text_start ||
	    registers->pc >= (uint64_t)(uintptr_t)__xmig_text_end)
		refuse("it resumes at %#llx, outside the program's migratable code",
		       (unsigned long long)registers->pc);
	if (image->state.data_stack_pointer < XMIG_DATA_STACK_BASE ||
	    image->state.data_stack_pointer > xmig_range_usable_end(&xmig_data_stack_range))
		refuse("its data-stack pointer is outside the data stack");
}

/* Zeroes [start, end). Most of it is usually untouched anonymous memory, as
 * large zero-filled arrays are: dropping those pages zeroes them without
 * faulting each one in, which memset would. */
static void zero(uint64_t start, uint64_t end)
{
	uint64_t first_page = (start + PAGE - 1) / PAGE * PAGE;
	uint64_t last_page = end / PAGE * PAGE;
	if (first_page >= last_page) {
		memset((void *)(uintptr_t)start, 0, end - start);
		return;
	}
	memset((void *)(uintptr_t)start, 0, first_page - start);
	memset((void *)(uintptr_t)last_page, 0, end - last_page);
	uint64_t run = first_page;
	for (uint64_t page = first_page; page <= last_page; page += PAGE) {
		int anonymous = page < last_page && !xmig_page_is_file_backed(page);
		if (anonymous)
			continue;
		if (run < page && madvise((void *)(uintptr_t)run, page - run, MADV_DONTNEED) != 0)
			memset((void *)(uintptr_t)run, 0, page - run);
		if (page < last_page)
			memset((void *)(uintptr_t)page, 0, PAGE);
		run = page + PAGE;
	}
}

_Noreturn void xmig_restore(const char *image_path)
{
	struct timespec started, finished;
	clock_gettime(CLOCK_MONOTONIC, &started);
	image_name = image_path;
	if (!__xmig_data_start || !__xmig_data_end || !__xmig_text_start || !__xmig_text_end)
		refuse("this binary was not linked with xmig-align's scripts (build it with "
		       "xmig-cc)");
	int descriptor = open(image_path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0)
		refuse("%s", strerror(errno));
	struct stat status;
	if (fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode))
		refuse("not a regular file");
	if (status.st_size == 0)
		refuse("the file is empty");
	void *mapped = mmap(NULL, (size_t)status.st_size, PROT_READ, MAP_PRIVATE, descriptor, 0);
	close(descriptor);
	/* xmig-run hands the image over as a descriptor of its own, named
	 * /proc/self/fd/N: it is not one of the program's, and the program's
	 * next capture would carry it as a nameless file. */
	int handed_over;
	char rest;
	if (sscanf(image_path, "/proc/self/fd/%d%c", &handed_over, &rest) == 1 && handed_over > 2)
		close(handed_over);
	if (mapped == MAP_FAILED)
		refuse("cannot map it: %s", strerror(errno));

	static struct xmig_image image;
	char error[256];
	if (xmig_image_parse(mapped, (size_t)status.st_size, &image, error, sizeof error) != 0)
		refuse("%s", error);
	check_identity(&image);
	check_registers(&image);
	for (size_t i = 0; i < image.load_count; i++) {
		struct xmig_image_load load;
		xmig_image_load_at(&image, i, &load);
		if (!load_is_allowed(&load))
			refuse("segment %zu (%#llx, %llu bytes) lies outside the migrated ranges",
			       i, (unsigned long long)load.address,
			       (unsigned long long)load.memory_size);
	}

	if (image.frames &&
	    xmig_resume_prepare(image.frames, image.frames_size, image.frame_count) != 0)
		refuse("no memory to rebuild its frames");

	/* From here on the process's memory is the image's: nothing may fail
	 * half-way for a reason the checks above could have seen. */
	uint64_t native_low = xmig_native_stack_range.base + xmig_native_stack_range.guard_below;
	uint64_t native_high = xmig_range_usable_end(&xmig_native_stack_range);
	for (size_t i = 0; i < image.load_count; i++) {
		struct xmig_image_load load;
		xmig_image_load_at(&image, i, &load);
		/* A transformed image's frames are rebuilt by re-entering them;
		 * its native stack is there for debuggers. */
		if (image.frames && inside(load.address, load.memory_size, native_low, native_high))
			continue;
		memcpy((void *)(uintptr_t)load.address, load.bytes, load.file_size);
		zero(load.address + load.file_size, load.address + load.memory_size);
	}
	/* The arena now holds the image's heap: take it over at once, so that a
	 * capture before the next allocation still sees it as in use. */
	xmig_heap_attach();
	xmig_stdio_buffers_release();
	xmig_file_streams_adopt_migrated();
	if (xmig_recreate_process_state(&image, error, sizeof error) != 0)
		refuse("%s", error);
	xmig_exit_handlers_after_restore();
	resume_registers = image.registers;
	int rebuild_frames = image.frames != NULL;
	munmap(mapped, (size_t)status.st_size);
	const char *verbose = getenv("XMIG_VERBOSE");
	if (verbose && strcmp(verbose, "1") == 0) {
		clock_gettime(CLOCK_MONOTONIC, &finished);
		fprintf(stderr, "xmig: restored %s: %lld bytes in %.6f s\n", image_path,
		        (long long)status.st_size,
		        (double)(finished.tv_sec - started.tv_sec) +
		                (double)(finished.tv_nsec - started.tv_nsec) * 1e-9);
	}
	xmig_trigger_announce_ready();
	if (rebuild_frames) {
		/* Each function re-pushes its data-stack frame as it is re-entered,
		 * from where it was pushed at the start: every frame lands where
		 * it was, since each resumed frame sets the top its call had. */
		__xmig_data_stack_pointer = (char *)xmig_data_stack_range.base;
		xmig_jump_buffers_rebuilt();
		xmig_enter_main(native_high, 0, NULL, NULL);
	}
	xmig_resume(&resume_registers);
}
