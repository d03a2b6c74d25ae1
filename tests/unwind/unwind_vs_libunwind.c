/* unwind_vs_libunwind SCRATCH BINARY...
 *
 * xmig's unwinder against libunwind, an independent one, on the same stack.
 * Each BINARY (an instrumented x86_64 program that takes no arguments) runs
 * under ptrace once per migration point K, with XMIG_CAPTURE_AT=K, and is
 * stopped as the runtime's rename() of the finished image returns: the
 * process is then still inside the __xmig_point call it captured, so the
 * frames from the point outwards are exactly those in the image. libunwind
 * unwinds the live process through the runtime's frames and on out;
 * xmig_unwind unwinds the image. From the point's frame to __xmig_main both
 * must see the same frames: return addresses, SP, CFA, rbp, and every live
 * value, read from where xmig's unwinder found it but with libunwind's
 * registers and the live process's memory. */
#define _GNU_SOURCE
#include "xmig/unwind.h"
#include "xmig/isa.h"
#include "xmig/program.h"
#include "xmig/runtime.h"
#include "xmig/site_record.h"

#include <errno.h>
#include <fcntl.h>
#include <libunwind-ptrace.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FRAMES 256
#define MAX_POINTS 1000
/* x86_64's DWARF register numbers, which are also libunwind's UNW_X86_64_*. */
#define DWARF_RBX     3
#define DWARF_RBP     6
#define DWARF_RSP     7
#define DWARF_NUMBERS 17

struct live_frame {
	uint64_t ip, sp;
	uint64_t reg[DWARF_NUMBERS]; /* the callee-saved ones and rsp */
};

struct live_stack {
	size_t count;
	int ended; /* unw_step said the last frame is the outermost */
	struct live_frame frames[MAX_FRAMES];
};

struct tally {
	unsigned long captures, frames, callee_saved_registers, register_values, slot_values,
	        constants;
};

static int fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	fputs("unwind_vs_libunwind: ", stderr);
	vfprintf(stderr, format, arguments);
	fputc('\n', stderr);
	va_end(arguments);
	return -1;
}

static int unwind_live(pid_t pid, struct live_stack *live)
{
	static const int preserved[] = {DWARF_RBX, DWARF_RBP, 12, 13, 14, 15};
	unw_addr_space_t space = unw_create_addr_space(&_UPT_accessors, 0);
	void *context = _UPT_create(pid);
	unw_cursor_t cursor;
	int result = -UNW_EUNSPEC;
	live->count = 0;
	live->ended = 0;
	if (space && context)
		result = unw_init_remote(&cursor, space, context);
	while (result >= 0 && live->count < MAX_FRAMES) {
		struct live_frame *frame = &live->frames[live->count++];
		memset(frame, 0, sizeof *frame);
		unw_word_t word;
		if ((result = unw_get_reg(&cursor, UNW_REG_IP, &word)) < 0)
			break;
		frame->ip = word;
		if ((result = unw_get_reg(&cursor, UNW_REG_SP, &word)) < 0)
			break;
		frame->sp = frame->reg[DWARF_RSP] = word;
		for (size_t i = 0; i < sizeof preserved / sizeof *preserved && result >= 0; i++)
			if ((result = unw_get_reg(&cursor, preserved[i], &word)) >= 0)
				frame->reg[preserved[i]] = word;
		if (result >= 0 && (result = unw_step(&cursor)) == 0)
			live->ended = 1;
		if (result == 0)
			break;
	}
	if (context)
		_UPT_destroy(context);
	if (space)
		unw_destroy_addr_space(space);
	if (result < 0)
		return fail("libunwind: frame %zu: %s", live->count ? live->count - 1 : 0,
		            unw_strerror(result));
	if (!live->ended)
		return fail("libunwind finds more than %d frames", MAX_FRAMES);
	return 0;
}

/* Runs the binary to its K-th point, or past it. 1: stopped as the image's
 * rename returned, `live` holding its stack, still traced so that its
 * memory can be read; 0: it exited without capturing; -1: anything else. */
static int run_to_capture(const char *binary, const char *image, unsigned long k, pid_t *child,
                          struct live_stack *live)
{
	pid_t pid = fork();
	if (pid < 0)
		return fail("fork: %s", strerror(errno));
	if (pid == 0) {
		char point[24];
		snprintf(point, sizeof point, "%lu", k);
		int null = open("/dev/null", O_WRONLY);
		/* Same-ISA images: a frame at an unpaired site unwinds like any. */
		if (null < 0 || dup2(null, STDOUT_FILENO) < 0 ||
		    setenv("XMIG_CAPTURE_AT", point, 1) != 0 ||
		    setenv("XMIG_IMAGE", image, 1) != 0 ||
		    setenv("XMIG_SAME_ISA_ONLY", "1", 1) != 0 ||
		    unsetenv("XMIG_AFTER_CAPTURE") != 0 || unsetenv("XMIG_IMAGE_FD") != 0 ||
		    ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
			_exit(126);
		execl(binary, binary, (char *)NULL);
		_exit(127);
	}
	*child = pid;
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return fail("%s did not stop at its exec", binary);
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
	           (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) != 0)
		return fail("PTRACE_SETOPTIONS: %s", strerror(errno));
	int deliver = 0;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)deliver) != 0)
			return fail("PTRACE_SYSCALL: %s", strerror(errno));
		deliver = 0;
		if (waitpid(pid, &status, 0) != pid)
			return fail("waitpid: %s", strerror(errno));
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			return 0;
		if (!WIFSTOPPED(status))
			return fail("%s at point %lu ended with status %#x before capturing",
			            binary, k, status);
		if (WSTOPSIG(status) != (SIGTRAP | 0x80)) {
			deliver = WSTOPSIG(status);
			continue;
		}
		struct user_regs_struct regs;
		if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) != 0)
			return fail("PTRACE_GETREGS: %s", strerror(errno));
		/* At the entry stop rax is -ENOSYS; 0 only once the rename has
		 * succeeded, with the image complete under its name. */
		int renaming = regs.orig_rax == SYS_rename || regs.orig_rax == SYS_renameat ||
		               regs.orig_rax == SYS_renameat2;
		if (renaming && regs.rax == 0)
			return unwind_live(pid, live) == 0 ? 1 : -1;
	}
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	struct stat status;
	uint8_t *bytes = NULL;
	if (file && fstat(fileno(file), &status) == 0 && (bytes = malloc(status.st_size + 1)) &&
	    fread(bytes, 1, status.st_size, file) == (size_t)status.st_size) {
		*size = status.st_size;
	} else {
		free(bytes);
		bytes = NULL;
	}
	if (file)
		fclose(file);
	return bytes;
}

/* The value where the site says it is, by libunwind's registers and the live
 * process's memory: 1, or 0 for a constant, which nothing unwinds. */
static int live_value(pid_t pid, const struct live_frame *frame, const struct xmig_site_value *site,
                      struct xmig_live_value *value, struct tally *tally)
{
	const struct xmig_location *location = site->location;
	memset(value, 0, sizeof *value);
	value->type_tag = site->type_tag;
	if (location->kind == XMIG_LOCATION_CONSTANT ||
	    location->kind == XMIG_LOCATION_CONSTANT_INDEX) {
		tally->constants++;
		return 0;
	}
	if (location->dwarf_register >= DWARF_NUMBERS)
		return fail("a value at DWARF register %u", location->dwarf_register);
	uint64_t base = frame->reg[location->dwarf_register];
	if (location->kind == XMIG_LOCATION_REGISTER) {
		memcpy(value->bytes, &base, sizeof base);
		tally->register_values++;
	} else if (location->kind == XMIG_LOCATION_DIRECT) {
		uint64_t address = base + (int64_t)location->offset;
		memcpy(value->bytes, &address, sizeof address);
		tally->register_values++;
	} else {
		size_t size = location->size;
		uint64_t address = base + (int64_t)location->offset;
		struct iovec local = {value->bytes, size},
		             remote = {(void *)(uintptr_t)address, size};
		if (size > sizeof value->bytes ||
		    process_vm_readv(pid, &local, 1, &remote, 1, 0) != (ssize_t)size)
			return fail("cannot read a %zu-byte slot at %#llx of the live process",
			            size, (unsigned long long)address);
		tally->slot_values++;
	}
	xmig_live_value_normalize(value);
	return 1;
}

static void show_live(const struct xmig_program *program, const struct live_stack *live)
{
	char where[160];
	for (size_t i = 0; i < live->count; i++)
		fprintf(stderr, "  libunwind frame %zu: ip %#llx %s, sp %#llx, rbp %#llx\n", i,
		        (unsigned long long)live->frames[i].ip,
		        xmig_program_describe(program, live->frames[i].ip, where, sizeof where),
		        (unsigned long long)live->frames[i].sp,
		        (unsigned long long)live->frames[i].reg[DWARF_RBP]);
}

static void show_frame(FILE *out, const char *label, const struct xmig_program *program,
                       size_t index, const struct xmig_unwound_frame *frame)
{
	char where[160];
	fprintf(out, "    %s %zu: ip %#llx %s, sp %#llx, cfa %#llx, rbp %#llx\n", label, index,
	        (unsigned long long)frame->site->return_address,
	        xmig_program_describe(program, frame->site->return_address, where, sizeof where),
	        (unsigned long long)frame->sp, (unsigned long long)frame->cfa,
	        (unsigned long long)frame->fp);
}

/* Both views of one capture, frame by frame from the migration point's. */
static int compare(const struct xmig_program *program, pid_t pid,
                   const struct xmig_unwound_stack *unwound, const struct live_stack *live,
                   const char *name, unsigned long k, struct tally *tally, int show)
{
	uint64_t point = unwound->frames[0].site->return_address;
	size_t first = 0;
	while (first < live->count && live->frames[first].ip != point)
		first++;
	/* libunwind also sees xmig_enter_main, where xmig's unwinder stops. */
	if (first == live->count || live->count - first != unwound->frame_count + 1 ||
	    live->frames[live->count - 1].ip != program->main_return) {
		show_live(program, live);
		return fail("%s point %lu: xmig unwinds %zu frames from the point at %#llx to "
		            "__xmig_main; libunwind %zu, then xmig_enter_main (%#llx)",
		            name, k, unwound->frame_count, (unsigned long long)point,
		            first == live->count ? 0 : live->count - first - 1,
		            (unsigned long long)program->main_return);
	}

	unsigned long values = 0;
	for (size_t j = 0; j < unwound->frame_count; j++) {
		const struct xmig_unwound_frame *frame = &unwound->frames[j];
		const struct live_frame *mine = &live->frames[first + j];
		uint64_t cfa = live->frames[first + j + 1].sp;
		if (mine->ip != frame->site->return_address || mine->sp != frame->sp ||
		    cfa != frame->cfa || mine->reg[DWARF_RBP] != frame->fp) {
			show_frame(stderr, "xmig frame", program, j, frame);
			fprintf(stderr,
			        "    libunwind:    ip %#llx, sp %#llx, cfa %#llx, rbp %#llx\n",
			        (unsigned long long)mine->ip, (unsigned long long)mine->sp,
			        (unsigned long long)cfa, (unsigned long long)mine->reg[DWARF_RBP]);
			return fail("%s point %lu: frame %zu differs", name, k, j);
		}
		/* The callee-saved registers xmig recovers from the save slots of
		 * the frames below must be what libunwind finds. */
		for (unsigned i = 0; i < program->isa->callee_saved_count; i++) {
			unsigned reg = program->isa->callee_saved[i];
			if (!(frame->callee_saved_known & (1u << i)) ||
			    frame->callee_saved[i] != mine->reg[reg]) {
				show_frame(stderr, "xmig frame", program, j, frame);
				return fail(
				        "%s point %lu: frame %zu register %u: xmig %#llx (%s), "
				        "libunwind %#llx",
				        name, k, j, reg, (unsigned long long)frame->callee_saved[i],
				        frame->callee_saved_known & (1u << i) ? "known" : "unknown",
				        (unsigned long long)mine->reg[reg]);
			}
			tally->callee_saved_registers++;
		}
		/* Per source frame: its data-stack top, then its values. */
		const struct xmig_site_value *site_values[XMIG_SITE_MAX_FRAMES * 2 + 512];
		struct xmig_site_value tops[XMIG_SITE_MAX_FRAMES];
		unsigned count = 0;
		for (unsigned f = 0; f < frame->site->frame_count; f++) {
			const struct xmig_source_frame *source = &frame->site->frames[f];
			tops[f] = (struct xmig_site_value){XMIG_TYPE_TAG(XMIG_TYPE_POINTER, 1, 64),
			                                   source->data_stack_top};
			if (count + 1 + source->value_count >
			    sizeof site_values / sizeof site_values[0])
				return fail("%s point %lu: frame %zu holds too many values", name,
				            k, j);
			site_values[count++] = &tops[f];
			for (unsigned v = 0; v < source->value_count; v++)
				site_values[count++] = &source->values[v];
		}
		for (unsigned v = 0; v < count; v++) {
			const struct xmig_site_value *site_value = site_values[v];
			const struct xmig_live_value *expected =
			        &unwound->values[frame->first_value + v];
			struct xmig_live_value found;
			int status = live_value(pid, mine, site_value, &found, tally);
			if (status < 0)
				return -1;
			if (status > 0 &&
			    memcmp(found.bytes, expected->bytes, sizeof found.bytes)) {
				uint64_t xmig, libunwind;
				memcpy(&xmig, expected->bytes, sizeof xmig);
				memcpy(&libunwind, found.bytes, sizeof libunwind);
				show_frame(stderr, "xmig frame", program, j, frame);
				return fail("%s point %lu: frame %zu value %u (location kind %d, "
				            "DWARF register %u, offset %d): xmig %#llx, live %#llx",
				            name, k, j, v, (int)site_value->location->kind,
				            site_value->location->dwarf_register,
				            site_value->location->offset, (unsigned long long)xmig,
				            (unsigned long long)libunwind);
			}
			values += (unsigned long)status;
		}
	}

	tally->captures++;
	tally->frames += unwound->frame_count;
	char where[160];
	printf("%s point %lu: %zu frames and %lu values agree, innermost %s\n", name, k,
	       unwound->frame_count, values,
	       xmig_program_describe(program, point, where, sizeof where));
	for (size_t j = 0; show && j < unwound->frame_count; j++)
		show_frame(stdout, "frame", program, j, &unwound->frames[j]);
	return 0;
}

/* 1: point K captured and checked; 0: the program has fewer points. */
static int check_point(const struct xmig_program *program, const char *binary, const char *image,
                       unsigned long k, struct tally *tally, size_t *deepest)
{
	static struct live_stack live;
	pid_t pid = 0;
	unlink(image);
	int status = run_to_capture(binary, image, k, &pid, &live);
	if (status <= 0) {
		if (status < 0 && pid > 0)
			kill(pid, SIGKILL);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return status;
	}

	size_t size;
	uint8_t *bytes = read_file(image, &size);
	struct xmig_image parsed;
	struct xmig_stack_memory stack = {0};
	struct xmig_unwound_stack unwound = {0};
	struct xmig_error error;
	char message[256];
	const char *name = strrchr(binary, '/') ? strrchr(binary, '/') + 1 : binary;
	status = -1;
	if (!bytes)
		fail("cannot read %s", image);
	else if (xmig_image_parse(bytes, size, &parsed, message, sizeof message) != 0)
		fail("%s: %s", image, message);
	else if (xmig_stack_memory_from_image(&parsed, &stack, &error) != 0 ||
	         xmig_unwind(program, &parsed.registers, &stack, 1, &unwound, &error) != 0)
		fail("%s point %lu: xmig: %s", name, k, error.message);
	else if (compare(program, pid, &unwound, &live, name, k, tally,
	                 unwound.frame_count > *deepest) == 0)
		status = 1;
	if (status > 0 && unwound.frame_count > *deepest)
		*deepest = unwound.frame_count;
	xmig_unwound_stack_free(&unwound);
	xmig_stack_memory_free(&stack);
	free(bytes);

	int exit_status;
	if (status < 0)
		kill(pid, SIGKILL);
	else if (ptrace(PTRACE_DETACH, pid, NULL, NULL) != 0)
		status = fail("PTRACE_DETACH: %s", strerror(errno));
	if (waitpid(pid, &exit_status, 0) == pid && status > 0 &&
	    !(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == XMIG_EXIT_CAPTURED))
		status =
		        fail("%s point %lu: exit status %#x after capturing", name, k, exit_status);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: unwind_vs_libunwind SCRATCH BINARY...\n", stderr);
		return 2;
	}
	struct tally tally = {0};
	for (int i = 2; i < argc; i++) {
		struct xmig_program program;
		struct xmig_error error;
		if (xmig_program_load(argv[i], &program, &error) != 0)
			return fail("%s", error.message), 1;
		char image[4096];
		const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		snprintf(image, sizeof image, "%s/%s.image", argv[1], name);
		unsigned long k = 1;
		size_t deepest = 0;
		int status = 0;
		while (k <= MAX_POINTS &&
		       (status = check_point(&program, argv[i], image, k, &tally, &deepest)) > 0)
			k++;
		unlink(image);
		xmig_program_free(&program);
		if (status < 0)
			return 1;
		/* A program that never captures would pass vacuously. */
		if (deepest < 3)
			return fail("%s captured no stack of three frames or more", argv[i]), 1;
	}
	printf("%lu captures, %lu frames, %lu callee-saved registers, %lu values in slots and "
	       "%lu in registers agree (%lu constants)\n",
	       tally.captures, tally.frames, tally.callee_saved_registers, tally.slot_values,
	       tally.register_values, tally.constants);
	return 0;
}
