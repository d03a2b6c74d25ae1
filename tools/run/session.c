#define _GNU_SOURCE
#include "session.h"

#include "child.h"
#include "frames.h"
#include "image_file.h"
#include "image_stream.h"
#include "waiting.h"
#include "xmig/program.h"
#include "xmig/runtime.h"
#include "xmig/transform.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Signals arrive through a pipe, so that poll sees them in order with the
 * rest. */
static int signal_pipe[2] = {-1, -1};

static void on_signal(int number)
{
	int saved = errno;
	unsigned char byte = (unsigned char)number;
	ssize_t ignored = write(signal_pipe[1], &byte, 1);
	(void)ignored;
	errno = saved;
}

int run_install_signals(void)
{
	if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	action.sa_flags = SA_RESTART;
	const int forwarded[] = {SIGUSR1, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD};
	for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
		if (sigaction(forwarded[i], &action, NULL) != 0)
			return -1;
	return 0;
}

struct session {
	const struct run_options *options;
	struct run_binaries binaries;
	struct xmig_program programs[RUN_ISA_COUNT];
	int loaded[RUN_ISA_COUNT];
	struct run_child child;
	int running, ready;
	int request_when_ready;
	struct run_image image;
	enum run_isa home;              /* where the run started, on this host */
	int output;                     /* --serve: the program's standard output, to frame */
	int control_open;               /* --serve: frames still come from the other host */
	struct run_frame_reader frames; /* from the other host */
	struct run_connection remote;   /* the program runs on the other host */
	int remote_running;
	int image_from_remote;
	double requested_at;        /* 0: no request pending */
	struct run_waiting waiting; /* why the pending request waits */
	double next_trigger;        /* 0: none */
	unsigned migrations;
	/* The migration being completed, for its statistics. */
	double spawned_at, transform_seconds, transfer_seconds, wait_seconds, capture_seconds;
	double stopped_at; /* when the process said its capture began; 0: not yet */
	size_t image_size;
	enum run_isa from;
	const char *from_host, *to_host; /* NULL: this host */
	/* The wait the last capture was made in (a call the runtime stood for:
	 * xmig/waits.h), or "" for a migration point of the program's own. */
	char captured_in[32];
};

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	fputs("xmig-run: ", stderr);
	vfprintf(stderr, format, arguments);
	fputc('\n', stderr);
	va_end(arguments);
}

/* After a failure with the image in hand: keep it where it can be found. */
static int keep_for_the_user(struct session *session, const uint8_t *bytes, size_t size,
                             enum run_isa isa, const char *why)
{
	const char *directory = session->options->keep_images ? session->options->keep_images : ".";
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/xmig-run-%ld-%u.%s.core", directory, (long)getpid(),
	         session->migrations + 1, run_isa_name(isa));
	if (xmig_write_image_file(path, bytes, size) != 0) {
		say("%s, and its image could not be kept in %s: %s; the program's state is lost",
		    why, path, strerror(errno));
		return XMIG_RUN_FAILED;
	}
	say("%s; the program's state is kept in %s; resume it with:\n    xmig-run --restore %s "
	    "--arch %s %s",
	    why, path, path, run_isa_name(isa), session->options->program);
	return XMIG_RUN_FAILED;
}

static void keep_copy(struct session *session, const uint8_t *bytes, size_t size, const char *what)
{
	if (!session->options->keep_images)
		return;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%u.%s.core", session->options->keep_images,
	         session->migrations + 1, what);
	if (xmig_write_image_file(path, bytes, size) != 0)
		say("cannot keep %s: %s (the migration goes on without it)", path, strerror(errno));
}

/* To the other host: the connection's pipe to ssh, or with --serve standard
 * output. A broken connection is an error here, not SIGPIPE, which the
 * program must not inherit as ignored. */
static int send_frame(struct session *session, enum run_frame_type type, const void *payload,
                      size_t size)
{
	int descriptor = session->options->serve ? STDOUT_FILENO : session->remote.to_host;
	void (*previous)(int) = signal(SIGPIPE, SIG_IGN);
	int sent = run_frame_write(descriptor, type, payload, size);
	int saved = errno;
	signal(SIGPIPE, previous);
	errno = saved;
	return sent;
}

static int program_of(struct session *session, enum run_isa isa, struct xmig_program **program)
{
	if (!session->loaded[isa]) {
		struct xmig_error error;
		if (xmig_program_load(session->binaries.path[isa], &session->programs[isa],
		                      &error) != 0) {
			say("%s", error.message);
			return -1;
		}
		session->loaded[isa] = 1;
	}
	*program = &session->programs[isa];
	return 0;
}

/* The program of that ISA if it was loaded already, to name functions. */
static const struct xmig_program *loaded_program(struct session *session, enum run_isa isa)
{
	struct xmig_program *program;
	if (!session->loaded[isa] && program_of(session, isa, &program) != 0)
		return NULL;
	return &session->programs[isa];
}

static int start(struct session *session, enum run_isa isa, int restore_descriptor,
                 uint64_t capture_at)
{
	char error[512];
	struct run_spawn spawn = {
	        .binaries = &session->binaries,
	        .isa = isa,
	        .arguments = session->options->arguments,
	        .restore_descriptor = restore_descriptor,
	        .capture_at = capture_at,
	        .continue_after_capture =
	                session->options->checkpoint && session->options->continue_after_checkpoint,
	        /* A checkpoint is for this ISA unless asked otherwise: it need not
	         * wait for a point the other ISA can resume. */
	        .same_isa_only =
	                session->options->checkpoint && !session->options->portable_checkpoint,
	        .input = -1,
	        .output = -1,
	};
	/* Served: standard input is the connection, and standard output goes
	 * back in frames. */
	int output[2] = {-1, -1};
	if (session->options->serve) {
		spawn.input = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (spawn.input < 0 || pipe2(output, O_CLOEXEC) != 0) {
			say("cannot set up the program's standard input and output: %s",
			    strerror(errno));
			return -1;
		}
		spawn.output = output[1];
	}
	int spawned = run_spawn(&spawn, &session->child, error, sizeof error);
	if (session->options->serve) {
		close(spawn.input);
		close(output[1]);
		session->output = spawned == 0 ? output[0] : -1;
		if (spawned != 0)
			close(output[0]);
		else
			fcntl(output[0], F_SETFL, O_NONBLOCK);
	}
	if (spawned != 0) {
		say("%s", error);
		return -1;
	}
	fcntl(session->child.image, F_SETFL, O_NONBLOCK);
	fcntl(session->child.ready, F_SETFL, O_NONBLOCK);
	session->stopped_at = 0;
	session->running = 1;
	session->ready = 0;
	run_waiting_new_pipe(&session->waiting);
	session->spawned_at = run_now();
	return 0;
}

static int memory_file(const uint8_t *bytes, size_t size)
{
	int descriptor = memfd_create("xmig-image", MFD_CLOEXEC);
	if (descriptor >= 0 && xmig_write_all(descriptor, bytes, size) != 0) {
		close(descriptor);
		return -1;
	}
	return descriptor;
}

static void report(struct session *session, enum run_isa to, double restore_seconds)
{
	double downtime = session->capture_seconds + session->transform_seconds +
	                  session->transfer_seconds + restore_seconds;
	char in_wait[48] = "";
	if (session->captured_in[0])
		snprintf(in_wait, sizeof in_wait, " (in %s)", session->captured_in);
	if (session->options->verbose)
		say("migration %u %s%s%s -> %s%s%s%s: wait %.3f ms, capture %.3f ms, transfer %.3f "
		    "ms, "
		    "transform %.3f ms, restore %.3f ms, downtime %.3f ms, image %zu bytes",
		    session->migrations, run_isa_name(session->from),
		    session->from_host ? " on " : "", session->from_host ? session->from_host : "",
		    run_isa_name(to), session->to_host ? " on " : "",
		    session->to_host ? session->to_host : "", in_wait, session->wait_seconds * 1e3,
		    session->capture_seconds * 1e3, session->transfer_seconds * 1e3,
		    session->transform_seconds * 1e3, restore_seconds * 1e3, downtime * 1e3,
		    session->image_size);
	if (session->options->stats) {
		char in_wait_json[48] = "null";
		if (session->captured_in[0])
			snprintf(in_wait_json, sizeof in_wait_json, "\"%s\"", session->captured_in);
		fprintf(session->options->stats,
		        "{\"migration\": %u, \"from\": \"%s\", \"to\": \"%s\", \"from_host\": "
		        "\"%s\", "
		        "\"to_host\": \"%s\", \"in_wait\": %s, \"wait_ms\": %.3f, "
		        "\"capture_ms\": %.3f, \"transfer_ms\": %.3f, \"transform_ms\": %.3f, "
		        "\"restore_ms\": %.3f, \"downtime_ms\": %.3f, \"image_bytes\": %zu}\n",
		        session->migrations, run_isa_name(session->from), run_isa_name(to),
		        session->from_host ? session->from_host : "",
		        session->to_host ? session->to_host : "", in_wait_json,
		        session->wait_seconds * 1e3, session->capture_seconds * 1e3,
		        session->transfer_seconds * 1e3, session->transform_seconds * 1e3,
		        restore_seconds * 1e3, downtime * 1e3, session->image_size);
		fflush(session->options->stats);
	}
}

/* The status the process ended with, as xmig-run's own. */
static int exit_status_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

/* The image is complete and the process that wrote it has ended: move on. */
static int migrate(struct session *session, int *finished)
{
	const struct run_options *options = session->options;
	enum run_isa from = session->child.isa;
	/* With a remote host, the program goes there from here, and back here
	 * from there, to the ISA it started on. */
	int to_remote = options->remote && !session->image_from_remote;
	enum run_isa to = to_remote                    ? options->remote->isa
	                  : session->image_from_remote ? session->home
	                  : options->to_set            ? options->to
	                                               : (enum run_isa)(1 - from);
	session->from = from;
	session->from_host = session->image_from_remote ? options->remote->target : NULL;
	session->to_host = to_remote ? options->remote->target : NULL;
	session->transfer_seconds = 0;
	session->image_size = session->image.size;
	/* The capture began when the process said so (a local one), or at the
	 * image's first byte. */
	double began_capture = session->stopped_at > 0 && !session->image_from_remote
	                               ? session->stopped_at
	                               : session->image.first_byte;
	session->wait_seconds = session->requested_at ? began_capture - session->requested_at : 0;
	session->capture_seconds = session->image.complete - began_capture;
	keep_copy(session, session->image.bytes, session->image.size, run_isa_name(from));

	const uint8_t *bytes = session->image.bytes;
	size_t size = session->image.size;
	struct xmig_transform_result result = {0};
	double began = run_now();
	if (to != from) {
		struct xmig_program *source, *destination;
		struct xmig_error error;
		if (program_of(session, from, &source) != 0 ||
		    program_of(session, to, &destination) != 0)
			return *finished = 1, keep_for_the_user(session, bytes, size, from,
			                                        "the migration failed");
		if (xmig_transform(bytes, size, source, destination, NULL, &result, &error) != 0) {
			char why[700];
			snprintf(why, sizeof why, "cannot move the program to %s: %s",
			         run_isa_name(to), error.message);
			return *finished = 1, keep_for_the_user(session, bytes, size, from, why);
		}
		bytes = result.image;
		size = result.size;
		char what[64];
		snprintf(what, sizeof what, "%s-to-%s", run_isa_name(from), run_isa_name(to));
		keep_copy(session, bytes, size, what);
	}
	session->transform_seconds = run_now() - began;
	if (to_remote) {
		char error[700] = "";
		began = run_now();
		if (run_remote_connect(options->remote, options->program, options->arguments,
		                       options->every_points, &session->remote, error,
		                       sizeof error) != 0) {
			*finished = 1;
			int kept = keep_for_the_user(session, bytes, size, to, error);
			xmig_transform_result_free(&result);
			return kept;
		}
		if (send_frame(session, RUN_FRAME_IMAGE, bytes, size) != 0) {
			snprintf(error, sizeof error, "cannot send the image to %s: %s",
			         options->remote->target, strerror(errno));
			int status;
			run_remote_finish(&session->remote, &status);
			*finished = 1;
			int kept = keep_for_the_user(session, bytes, size, to, error);
			xmig_transform_result_free(&result);
			return kept;
		}
		session->transfer_seconds = run_now() - began;
		session->remote_running = 1;
		session->ready = 0;
		session->spawned_at = run_now();
	}
	int status = 0;
	if (!to_remote) {
		began = run_now();
		/* The transformation's memory file goes to the destination as it
		 * is; an image not transformed is copied into one. */
		int handed_over = bytes == result.image && result.descriptor >= 0;
		int descriptor = handed_over ? result.descriptor : memory_file(bytes, size);
		session->transfer_seconds = run_now() - began;
		if (descriptor < 0 || start(session, to, descriptor, options->every_points) != 0) {
			*finished = 1;
			status = keep_for_the_user(session, bytes, size, to,
			                           "cannot start the destination");
		}
		if (descriptor >= 0 && !handed_over)
			close(descriptor);
	}
	/* Kept until the destination says it restored: if it dies first, the
	 * image is what is left of the program. Without a transformation it
	 * already is the image in hand. */
	if (bytes != session->image.bytes) {
		run_image_reset(&session->image);
		session->image.bytes = result.image;
		/* Complete as it stands: nothing read from the destination's
		 * image pipe (not even its end of file) goes into it. */
		session->image.size = session->image.capacity = session->image.expected =
		        result.size;
		session->image.mapped = result.descriptor >= 0;
		if (result.descriptor >= 0)
			close(result.descriptor);
		result.image = NULL;
	}
	xmig_transform_result_free(&result);
	session->migrations++;
	session->image_from_remote = 0;
	/* With --every-points the destination asks for the next capture
	 * itself; there, the remote xmig-run times it. */
	session->requested_at = options->every_points && !to_remote ? run_now() : 0;
	run_waiting_reset(&session->waiting, 0);
	return status;
}

static int save_checkpoint(struct session *session)
{
	if (xmig_write_image_file(session->options->checkpoint, session->image.bytes,
	                          session->image.size) != 0) {
		say("cannot write the checkpoint %s: %s", session->options->checkpoint,
		    strerror(errno));
		return -1;
	}
	if (session->options->verbose)
		say("checkpoint written to %s (%zu bytes)", session->options->checkpoint,
		    session->image.size);
	run_image_reset(&session->image);
	session->requested_at = 0;
	return 0;
}

static void schedule(struct session *session)
{
	const struct run_options *options = session->options;
	session->next_trigger = 0;
	if (options->ping_pong >= 0)
		session->next_trigger = run_now() + options->ping_pong;
	else if (options->migrate_after >= 0 && session->migrations == 0 && !options->at_point)
		session->next_trigger = run_now() + options->migrate_after;
}

static void request(struct session *session)
{
	if ((!session->running && !session->remote_running) || session->requested_at)
		return;
	session->next_trigger = 0;
	if (!session->ready) {
		/* Too early for the runtime's handler, or before the program
		 * restored on the other host: ask once it is ready. */
		session->request_when_ready = 1;
		return;
	}
	session->request_when_ready = 0;
	session->requested_at = run_now();
	run_waiting_reset(&session->waiting, 1);
	/* Over a connection, a failure shows when its frames stop. */
	if (session->remote_running)
		send_frame(session, RUN_FRAME_MIGRATE, NULL, 0);
	else
		run_child_request(&session->child);
}

/* --serve: the image is the first frame from the other host. */
static int receive_image(struct session *session)
{
	struct run_frame_reader reader;
	memset(&reader, 0, sizeof reader);
	int status;
	while ((status = run_frame_read(&reader, STDIN_FILENO)) == 0)
		;
	if (status < 0 || reader.header[0] != RUN_FRAME_IMAGE) {
		say("no image came from the other host%s%s", errno ? ": " : "",
		    errno ? strerror(errno) : "");
		run_frame_next(&reader);
		return -1;
	}
	session->image.bytes = reader.payload;
	session->image.size = session->image.capacity = session->image.expected = reader.size;
	reader.payload = NULL;
	run_frame_next(&reader);
	return 0;
}

static int load_restore_image(struct session *session, enum run_isa *isa)
{
	if (session->options->serve) {
		if (receive_image(session) != 0)
			return -1;
		if (run_bytes_isa(session->image.bytes, session->image.size, isa) != 0) {
			say("what came from the other host is not an xmig image");
			return -1;
		}
		return 0;
	}
	const char *path = session->options->restore;
	int descriptor = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0) {
		say("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		int status = run_image_read(&session->image, descriptor);
		if (status == 1)
			break;
		if (status < 0) {
			say("%s is not a whole xmig image%s%s", path, errno ? ": " : "",
			    errno ? strerror(errno) : " (truncated?)");
			return -1;
		}
	}
	if (descriptor != STDIN_FILENO)
		close(descriptor);
	if (run_bytes_isa(session->image.bytes, session->image.size, isa) != 0) {
		say("%s is not an image of a machine xmig runs on (x86_64, aarch64)", path);
		return -1;
	}
	return 0;
}

/* The process wrote to its ready pipe: 'R' once it can take requests (if it
 * was restored, the migration is over then), 'C' when a capture begins. */
/* Reads what the ready pipe holds now: the number of bytes, 0 at its end
 * (it is closed then) or when nothing waits in it. */
static ssize_t on_ready_pipe(struct session *session)
{
	const struct run_options *options = session->options;
	char bytes[16];
	ssize_t got;
	while ((got = read(session->child.ready, bytes, sizeof bytes)) < 0 && errno == EINTR)
		;
	if (got < 0 && errno == EAGAIN)
		return 0;
	if (got <= 0) {
		close(session->child.ready);
		session->child.ready = -1;
		return 0;
	}
	for (ssize_t i = 0; i < got; i++) {
		if (run_waiting_feed(&session->waiting, bytes[i], run_now()))
			continue;
		if (bytes[i] == XMIG_READY_CAPTURE) {
			session->stopped_at = run_now();
			snprintf(session->captured_in, sizeof session->captured_in, "%s",
			         session->waiting.wait_call);
			session->waiting.wait_call[0] = '\0';
			continue;
		}
		if (bytes[i] != XMIG_READY_RUNNING || session->ready)
			continue;
		session->ready = 1;
		if (options->serve)
			send_frame(session, RUN_FRAME_READY, NULL, 0);
		if (session->image.bytes) {
			if (session->migrations > 0)
				report(session, session->child.isa,
				       run_now() - session->spawned_at);
			run_image_reset(&session->image);
		}
		if (options->ping_pong >= 0 || session->migrations == 0)
			schedule(session);
		if (session->request_when_ready)
			request(session);
	}
	return got;
}

/* Ends xmig-run the way the program ended. */
static int end_like(int status)
{
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
	}
	return exit_status_of(status);
}

/* The connection ended without the program's end or its image. */
static int connection_lost(struct session *session)
{
	const struct run_remote *remote = session->options->remote;
	run_frame_next(&session->frames);
	int status;
	int ssh_failed = run_remote_finish(&session->remote, &status) != 0;
	session->remote_running = 0;
	char why[700];
	if (!session->ready && session->image.bytes) {
		snprintf(why, sizeof why, "the program did not restore on %s (%s)", remote->target,
		         ssh_failed ? "ssh failed; see its message above"
		                    : "see xmig-run's message from there above");
		return keep_for_the_user(session, session->image.bytes, session->image.size,
		                         remote->isa, why);
	}
	say("the connection to %s ended while the program ran there; what became of it is "
	    "unknown here",
	    remote->target);
	return XMIG_RUN_FAILED;
}

/* Frames from the host where the program runs: -1 to go on, or the status
 * xmig-run ends with. */
static int on_frame_from_host(struct session *session)
{
	const struct run_options *options = session->options;
	struct run_frame_reader *frame = &session->frames;
	for (;;) {
		int got = run_frame_read(frame, session->remote.from_host);
		if (got == 0)
			return -1;
		if (got < 0)
			return connection_lost(session);
		switch (frame->header[0]) {
		case RUN_FRAME_OUTPUT:
			xmig_write_all(STDOUT_FILENO, frame->payload, frame->size);
			break;
		case RUN_FRAME_READY:
			session->ready = 1;
			report(session, options->remote->isa, run_now() - session->spawned_at);
			run_image_reset(&session->image);
			if (options->ping_pong >= 0)
				schedule(session);
			if (session->request_when_ready)
				request(session);
			break;
		case RUN_FRAME_EXIT: {
			/* Ended before it restored there (another build of the
			 * program there, say): what was sent is what is left. */
			if (frame->size != 4 || (!session->ready && session->image.bytes))
				return connection_lost(session);
			const uint8_t *raw = frame->payload;
			int status = (int)((uint32_t)raw[0] | (uint32_t)raw[1] << 8 |
			                   (uint32_t)raw[2] << 16 | (uint32_t)raw[3] << 24);
			run_frame_next(frame);
			int ssh_status;
			run_remote_finish(&session->remote, &ssh_status);
			session->remote_running = 0;
			return end_like(status);
		}
		case RUN_FRAME_IMAGE: {
			/* The program comes back. */
			run_image_reset(&session->image);
			session->image.bytes = frame->payload;
			session->image.size = session->image.capacity = session->image.expected =
			        frame->size;
			session->image.first_byte = frame->first_byte;
			session->image.complete = run_now();
			frame->payload = NULL;
			run_frame_next(frame);
			int ssh_status;
			run_remote_finish(&session->remote, &ssh_status);
			session->remote_running = 0;
			session->image_from_remote = 1;
			session->child.isa = options->remote->isa;
			int finished = 0;
			int status = migrate(session, &finished);
			return finished ? status : -1;
		}
		default:
			say("%s sent something xmig-run does not know (frame '%c'); is its xmig "
			    "another version?",
			    options->remote->target, frame->header[0]);
			return connection_lost(session);
		}
		run_frame_next(frame);
	}
}

/* --serve: frames from the host the program came from. */
static void on_frame_from_origin(struct session *session)
{
	struct run_frame_reader *frame = &session->frames;
	for (;;) {
		int got = run_frame_read(frame, STDIN_FILENO);
		if (got == 0)
			return;
		if (got < 0) {
			/* That host went away: tell the program as a terminal would. */
			run_frame_next(frame);
			session->control_open = 0;
			if (session->running)
				kill(session->child.pid, SIGHUP);
			return;
		}
		if (frame->header[0] == RUN_FRAME_MIGRATE)
			request(session);
		else if (frame->header[0] == RUN_FRAME_SIGNAL && frame->size == 1 &&
		         session->running)
			kill(session->child.pid, frame->payload[0]);
		run_frame_next(frame);
	}
}

/* --serve: what the program wrote to its standard output, sent on. */
static void pass_output(struct session *session)
{
	uint8_t buffer[1 << 16];
	while (session->output >= 0) {
		ssize_t got = read(session->output, buffer, sizeof buffer);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return;
		if (got <= 0) {
			close(session->output);
			session->output = -1;
			return;
		}
		send_frame(session, RUN_FRAME_OUTPUT, buffer, (size_t)got);
	}
}

/* --serve: the program ended here. Its image goes back, or its status. */
static int serve_end(struct session *session, int status, int captured)
{
	pass_output(session);
	if (captured) {
		if (send_frame(session, RUN_FRAME_IMAGE, session->image.bytes,
		               session->image.size) == 0)
			return 0;
		char why[300];
		snprintf(why, sizeof why, "cannot send the image back: %s", strerror(errno));
		return keep_for_the_user(session, session->image.bytes, session->image.size,
		                         session->child.isa, why);
	}
	uint32_t raw = (uint32_t)status;
	uint8_t bytes[4] = {(uint8_t)raw, (uint8_t)(raw >> 8), (uint8_t)(raw >> 16),
	                    (uint8_t)(raw >> 24)};
	return send_frame(session, RUN_FRAME_EXIT, bytes, sizeof bytes) == 0 ? 0 : XMIG_RUN_FAILED;
}

int run_session(const struct run_options *options)
{
	struct session session;
	memset(&session, 0, sizeof session);
	session.options = options;
	char error[600];
	if (run_find_binaries(options->program, &session.binaries, error, sizeof error) != 0) {
		say("%s", error);
		return XMIG_RUN_USAGE;
	}

	enum run_isa first = session.binaries.host;
	session.output = -1;
	/* A remote destination is checked (and --ship done) even when only
	 * SIGUSR1 to xmig-run will ask for the migration. */
	int migrating = !options->checkpoint &&
	                (options->migrate_after >= 0 || options->ping_pong >= 0 ||
	                 options->at_point || options->every_points || options->remote);
	if (options->restore || options->serve) {
		enum run_isa image_isa;
		if (load_restore_image(&session, &image_isa) != 0)
			return XMIG_RUN_USAGE;
		first = options->arch_set ? options->arch : image_isa;
		session.home = first;
		if (!run_can_start(&session.binaries, first, error, sizeof error)) {
			say("%s", error);
			return XMIG_RUN_USAGE;
		}
		session.child.isa = image_isa;
		session.image.complete = session.image.first_byte = run_now();
		/* A restore on another ISA is a migration without a process. */
		struct run_options once = *options;
		once.to_set = 1;
		once.to = first;
		session.options = &once;
		int finished = 0;
		int status = migrate(&session, &finished);
		session.options = options;
		session.migrations = 0;
		if (finished)
			return status;
		if (options->serve) {
			fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
			session.control_open = 1;
		}
	} else {
		if (options->arch_set)
			first = options->arch;
		session.home = first;
		if (!run_can_start(&session.binaries, first, error, sizeof error)) {
			say("%s", error);
			return XMIG_RUN_USAGE;
		}
		/* Everything a migration needs is checked before the program starts:
		 * a failure then stops nothing. */
		if (migrating && options->remote) {
			if (run_remote_probe(options->remote, options->remote_isa_set, error,
			                     sizeof error) != 0) {
				say("cannot migrate: %s", error);
				return XMIG_RUN_USAGE;
			}
			enum run_isa to = options->remote->isa;
			if (!session.binaries.path[to][0]) {
				say("cannot migrate to %s: there is no %s binary of the program "
				    "here to "
				    "transform for",
				    options->remote->target, run_isa_name(to));
				return XMIG_RUN_USAGE;
			}
			struct xmig_program *program;
			if (program_of(&session, first, &program) != 0 ||
			    program_of(&session, to, &program) != 0)
				return XMIG_RUN_USAGE;
			if (options->ship) {
				double began = run_now();
				if (run_remote_ship(options->remote, options->program,
				                    session.binaries.path[to], error,
				                    sizeof error) != 0) {
					say("cannot migrate: %s", error);
					return XMIG_RUN_USAGE;
				}
				if (options->verbose)
					say("shipped %s to %s in %.0f ms",
					    session.binaries.path[to], options->remote->target,
					    (run_now() - began) * 1e3);
			} else if (run_remote_has_binary(options->remote, options->program, error,
			                                 sizeof error) != 0) {
				say("cannot migrate: %s", error);
				return XMIG_RUN_USAGE;
			}
		} else if (migrating) {
			enum run_isa to = options->to_set ? options->to : (enum run_isa)(1 - first);
			if (!run_can_start(&session.binaries, to, error, sizeof error)) {
				say("cannot migrate: %s", error);
				return XMIG_RUN_USAGE;
			}
			if (options->ping_pong >= 0 &&
			    !run_can_start(&session.binaries, first, error, sizeof error)) {
				say("cannot migrate back: %s", error);
				return XMIG_RUN_USAGE;
			}
			struct xmig_program *program;
			if (program_of(&session, first, &program) != 0 ||
			    program_of(&session, to, &program) != 0)
				return XMIG_RUN_USAGE;
		}
		uint64_t capture_at =
		        options->every_points ? options->every_points : options->at_point;
		if (start(&session, first, -1, capture_at) != 0)
			return XMIG_RUN_FAILED;
		if (capture_at)
			session.requested_at = run_now();
		run_waiting_reset(&session.waiting, 0);
	}

	int exit_status = 0;
	for (;;) {
		int connection = session.remote_running                   ? session.remote.from_host
		                 : options->serve && session.control_open ? STDIN_FILENO
		                                                          : -1;
		struct pollfd watched[5] = {
		        {signal_pipe[0], POLLIN, 0},
		        {session.running ? session.child.image : -1, POLLIN, 0},
		        {session.running ? session.child.ready : -1, POLLIN, 0},
		        {connection, POLLIN, 0},
		        {session.output, POLLIN, 0},
		};
		double next = session.next_trigger;
		/* A request this process has not begun to serve gets a line
		 * saying why it waits. */
		int waiting = session.running && session.requested_at > 0 && !session.stopped_at &&
		              run_waiting_known(&session.waiting);
		double report_due =
		        waiting ? run_waiting_due(&session.waiting, session.requested_at) : 0;
		if (report_due > 0 && (next <= 0 || report_due < next))
			next = report_due;
		int timeout = -1;
		if (next > 0) {
			double left = next - run_now();
			timeout = left <= 0 ? 0 : (int)(left * 1e3) + 1;
		}
		int ready = poll(watched, 5, timeout);
		if (ready < 0 && errno != EINTR) {
			say("poll: %s", strerror(errno));
			return XMIG_RUN_FAILED;
		}
		if (session.next_trigger > 0 && run_now() >= session.next_trigger)
			request(&session);
		if (watched[2].revents)
			on_ready_pipe(&session);
		if (report_due > 0 && run_now() >= report_due && session.running &&
		    session.requested_at > 0 && !session.stopped_at &&
		    run_waiting_known(&session.waiting))
			run_waiting_report(&session.waiting, session.requested_at, run_now(),
			                   loaded_program(&session, session.child.isa));
		if (watched[1].revents &&
		    (!session.image.expected || session.image.size < session.image.expected)) {
			int status = run_image_read(&session.image, session.child.image);
			if (status == 1 && options->checkpoint) {
				if (save_checkpoint(&session) != 0)
					exit_status = XMIG_RUN_FAILED;
			}
		}
		if (watched[0].revents) {
			unsigned char number;
			while (read(signal_pipe[0], &number, 1) == 1) {
				if (number == SIGUSR1) {
					request(&session);
				} else if (number != SIGCHLD && session.running) {
					kill(session.child.pid, number);
				} else if (number != SIGCHLD && session.remote_running) {
					uint8_t signal_number = number;
					send_frame(&session, RUN_FRAME_SIGNAL, &signal_number, 1);
				}
			}
		}
		if (watched[3].revents && session.remote_running) {
			int ended = on_frame_from_host(&session);
			if (ended >= 0)
				return ended;
		} else if (watched[3].revents) {
			on_frame_from_origin(&session);
		}
		if (watched[4].revents)
			pass_output(&session);
		if (!session.running)
			continue;
		int status;
		pid_t ended = waitpid(session.child.pid, &status, WNOHANG);
		if (ended != session.child.pid)
			continue;
		/* Drain what the image pipe still holds: all of a small image
		 * may have come since the poll. */
		if (!session.image.complete)
			run_image_read(&session.image, session.child.image);
		close(session.child.image);
		run_child_close(&session.child);
		/* A process that restored and ended at once may have done both
		 * since the poll: its ready byte is still in the pipe, maybe
		 * after decline lines longer than one read. */
		if (session.child.ready >= 0) {
			while (session.child.ready >= 0 && on_ready_pipe(&session) > 0)
				;
			if (session.child.ready >= 0)
				close(session.child.ready);
			session.child.ready = -1;
		}
		session.running = 0;
		int complete =
		        session.image.complete > 0 && session.image.size == session.image.expected;
		if (session.migrations > 0 && !session.ready && session.image.bytes) {
			/* The destination died before it restored: keep what it was given. */
			char why[128];
			snprintf(why, sizeof why,
			         "the %s process ended (status %d) before it restored",
			         run_isa_name(session.child.isa), exit_status_of(status));
			return keep_for_the_user(&session, session.image.bytes, session.image.size,
			                         session.child.isa, why);
		}
		if (options->serve)
			return serve_end(&session, status,
			                 exit_status_of(status) == XMIG_EXIT_CAPTURED && complete);
		if (exit_status_of(status) == XMIG_EXIT_CAPTURED && complete &&
		    !options->checkpoint) {
			int finished = 0;
			int migrated = migrate(&session, &finished);
			if (finished)
				return migrated;
			continue;
		}
		if (exit_status_of(status) == XMIG_EXIT_CAPTURED && options->checkpoint)
			return exit_status;
		if (session.requested_at > 0 && !session.stopped_at &&
		    run_waiting_known(&session.waiting))
			run_waiting_unserved(&session.waiting, session.requested_at, run_now(),
			                     loaded_program(&session, session.child.isa),
			                     options->stats);
		return exit_status ? exit_status : end_like(status);
	}
}
