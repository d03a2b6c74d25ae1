#include "waiting.h"

#include "xmig/program.h"

#include <stdlib.h>
#include <string.h>

/* How long a request waits before the first line, and between lines. */
#define FIRST_REPORT 0.1
#define REPORT_EVERY 1.0

void run_waiting_reset(struct run_waiting *waiting, int asked)
{
	waiting->reason[0] = '\0';
	waiting->at = 0;
	waiting->reported_at = 0;
	waiting->asked = asked;
	waiting->first_declined_at = 0;
	waiting->wait_call[0] = '\0';
}

double run_waiting_since(const struct run_waiting *waiting, double requested_at)
{
	return waiting->asked || !waiting->first_declined_at ? requested_at
	                                                     : waiting->first_declined_at;
}

int run_waiting_known(const struct run_waiting *waiting)
{
	return waiting->asked || waiting->reason[0] != '\0';
}

void run_waiting_new_pipe(struct run_waiting *waiting)
{
	waiting->in_line = 0;
	waiting->line_length = 0;
}

int run_waiting_feed(struct run_waiting *waiting, char byte, double now)
{
	if (!waiting->in_line) {
		if (byte != XMIG_READY_DECLINED && byte != XMIG_READY_WAIT)
			return 0;
		waiting->in_line = byte;
		waiting->line_length = 0;
		return 1;
	}
	if (byte != '\n') {
		if (waiting->line_length + 1 < sizeof waiting->line)
			waiting->line[waiting->line_length++] = byte;
		return 1;
	}
	char kind = waiting->in_line;
	waiting->in_line = 0;
	waiting->line[waiting->line_length] = '\0';
	if (kind == XMIG_READY_WAIT) {
		snprintf(waiting->wait_call, sizeof waiting->wait_call, "%s", waiting->line);
		return 1;
	}
	char *reason;
	unsigned long long at = strtoull(waiting->line, &reason, 16);
	if (*reason == ' ') {
		waiting->at = at;
		snprintf(waiting->reason, sizeof waiting->reason, "%s", reason + 1);
		if (!waiting->first_declined_at)
			waiting->first_declined_at = now;
	}
	return 1;
}

double run_waiting_due(const struct run_waiting *waiting, double requested_at)
{
	if (!waiting->reported_at)
		return run_waiting_since(waiting, requested_at) + FIRST_REPORT;
	return waiting->reported_at + REPORT_EVERY;
}

/* "in f (f+0x1c): reason", or what is known. */
static void describe(const struct run_waiting *waiting, const struct xmig_program *program,
                     char *buffer, size_t size)
{
	if (!waiting->reason[0]) {
		snprintf(buffer, size,
		         "the program has reached no migration point since (a long loop with no "
		         "call in it, or a call into a library that blocks)");
		return;
	}
	char where[160] = "";
	if (waiting->at && program)
		xmig_program_describe(program, waiting->at, where, sizeof where);
	else if (waiting->at)
		snprintf(where, sizeof where, "%#llx", (unsigned long long)waiting->at);
	/* The program's main, which the plugin renamed. */
	static const char renamed[] = "__xmig_main+";
	if (strncmp(where, renamed, sizeof renamed - 1) == 0)
		memmove(where, where + 7, strlen(where + 7) + 1);
	char function[160];
	snprintf(function, sizeof function, "%s", where);
	char *offset = strchr(function, '+');
	if (offset) {
		/* A frame's return address. */
		*offset = '\0';
		snprintf(buffer, size, "in %s (at %s): %s", function, where, waiting->reason);
	} else if (where[0]) {
		/* Memory, or code no symbol covers. */
		snprintf(buffer, size, "%s (at %s)", waiting->reason, where);
	} else {
		snprintf(buffer, size, "%s", waiting->reason);
	}
}

void run_waiting_report(struct run_waiting *waiting, double requested_at, double now,
                        const struct xmig_program *program)
{
	char why[512];
	describe(waiting, program, why, sizeof why);
	fprintf(stderr, "xmig-run: the migration requested %.0f ms ago waits: %s\n",
	        (now - run_waiting_since(waiting, requested_at)) * 1e3, why);
	waiting->reported_at = now;
}

/* A JSON string's contents, escaped. */
static void print_json_text(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '"' || *text == '\\')
			fputc('\\', out);
		if ((unsigned char)*text >= 0x20)
			fputc(*text, out);
	}
}

void run_waiting_unserved(const struct run_waiting *waiting, double requested_at, double now,
                          const struct xmig_program *program, FILE *stats)
{
	char why[512];
	describe(waiting, program, why, sizeof why);
	fprintf(stderr,
	        "xmig-run: warning: the program ended %.0f ms after a migration was requested, "
	        "and it never migrated: %s\n",
	        (now - run_waiting_since(waiting, requested_at)) * 1e3, why);
	if (!stats)
		return;
	fprintf(stats, "{\"migrated\": false, \"waited_ms\": %.3f, \"reason\": \"",
	        (now - run_waiting_since(waiting, requested_at)) * 1e3);
	print_json_text(stats, why);
	fputs("\"}\n", stats);
	fflush(stats);
}
