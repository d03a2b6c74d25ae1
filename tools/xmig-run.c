/* xmig-run: runs a program built by xmig-cc and moves it between x86_64 and
 * aarch64 while it runs (tools/run/ holds the parts). */
#define _GNU_SOURCE
#include "run/ask.h"
#include "run/session.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fputs("usage: xmig-run [options] PROGRAM [ARGUMENTS...]\n"
	      "       xmig-run --restore IMAGE [--arch ISA] [options] PROGRAM [ARGUMENTS...]\n"
	      "       xmig-run --migrate PID\n"
	      "  Runs PROGRAM (PROGRAM.x86_64 or PROGRAM.aarch64, as xmig-cc builds them) on this\n"
	      "  host's ISA, passing standard input, output and error through, and exits with\n"
	      "  its status. The other ISA runs under qemu-user (found on PATH, or binfmt_misc).\n"
	      "When to migrate (default: on SIGUSR1 to xmig-run only):\n"
	      "  --migrate-after DURATION  once, after DURATION (500ms, 2s, 1.5, 1m)\n"
	      "  --ping-pong PERIOD        back and forth, every PERIOD\n"
	      "  --at-point K              once, at the K-th migration point\n"
	      "  --every-points K          back and forth, every K migration points of each\n"
	      "                            process (deterministic, unlike --ping-pong)\n"
	      "  --migrate PID             ask process PID (an xmig-run, or a program built\n"
	      "                            with xmig-cc) to migrate, or checkpoint, now\n"
	      "Where to:\n"
	      "  --to ISA                  x86_64 or aarch64 (default: the other one)\n"
	      "  --to ssh://[user@]host[:port][/dir]\n"
	      "                            another host, over one ssh connection (XMIG_SSH: the\n"
	      "                            ssh command and its options; the binaries at the same\n"
	      "                            path there, or in dir; xmig-run on its PATH, or\n"
	      "                            XMIG_REMOTE_RUN). --migrate-after: the program\n"
	      "                            finishes there; --ping-pong, --every-points and\n"
	      "                            SIGUSR1 while it is there: it comes back here\n"
	      "  --remote-arch ISA         the ISA to run on there (default: the host's)\n"
	      "  --ship                    copy the program's binary for that ISA into dir\n"
	      "                            there before the start\n"
	      "Files:\n"
	      "  --checkpoint FILE         write the image to FILE instead of migrating, then\n"
	      "                            stop (or go on with --continue); at the next point\n"
	      "                            where this ISA can resume, for a restore on this ISA\n"
	      "  --portable                with --checkpoint: wait for a point where either ISA\n"
	      "                            can resume, so that --restore --arch may change it\n"
	      "  --restore FILE            resume the image in FILE (- for standard input)\n"
	      "  --arch ISA                start on ISA (default: this host's; with --restore,\n"
	      "                            the image's own)\n"
	      "  --keep-images DIR         also write every image, as captured and as\n"
	      "                            transformed, to DIR\n"
	      "Reporting:\n"
	      "  -v, --verbose             one line per migration: wait for a safe point,\n"
	      "                            capture, transfer, transform, restore, downtime, size\n"
	      "  --stats FILE              the same as JSON lines\n"
	      "  -h, --help                this text\n"
	      "  --serve                   the other host's end of --to ssh://: the image and\n"
	      "                            then requests come on standard input, the program's\n"
	      "                            output and image go back on standard output\n"
	      "Exit status: the program's; 2 for bad usage or a migration that cannot start\n"
	      "(nothing was stopped); 125 when a migration failed after the capture (the\n"
	      "message names the file that holds the program's state).\n",
	      out);
}

/* "500ms", "2s", "1m", "1.5": seconds; -1 when malformed. */
static double parse_duration(const char *text)
{
	char *end;
	errno = 0;
	double value = strtod(text, &end);
	if (errno || end == text || value < 0)
		return -1;
	if (strcmp(end, "ms") == 0)
		return value / 1e3;
	if (strcmp(end, "s") == 0 || *end == '\0')
		return value;
	if (strcmp(end, "m") == 0)
		return value * 60;
	return -1;
}

int main(int argc, char **argv)
{
	enum {
		MIGRATE_AFTER = 256,
		PING_PONG,
		AT_POINT,
		EVERY_POINTS,
		MIGRATE,
		TO,
		CHECKPOINT,
		CONTINUE,
		PORTABLE,
		RESTORE,
		ARCH,
		KEEP_IMAGES,
		STATS,
		REMOTE_ARCH,
		SERVE,
		SHIP,
	};
	static const struct option options[] = {
	        {"migrate-after", required_argument, NULL, MIGRATE_AFTER},
	        {"ping-pong", required_argument, NULL, PING_PONG},
	        {"at-point", required_argument, NULL, AT_POINT},
	        {"every-points", required_argument, NULL, EVERY_POINTS},
	        {"migrate", required_argument, NULL, MIGRATE},
	        {"to", required_argument, NULL, TO},
	        {"checkpoint", required_argument, NULL, CHECKPOINT},
	        {"continue", no_argument, NULL, CONTINUE},
	        {"portable", no_argument, NULL, PORTABLE},
	        {"restore", required_argument, NULL, RESTORE},
	        {"arch", required_argument, NULL, ARCH},
	        {"keep-images", required_argument, NULL, KEEP_IMAGES},
	        {"stats", required_argument, NULL, STATS},
	        {"remote-arch", required_argument, NULL, REMOTE_ARCH},
	        {"serve", no_argument, NULL, SERVE},
	        {"ship", no_argument, NULL, SHIP},
	        {"verbose", no_argument, NULL, 'v'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct run_options run = {.migrate_after = -1, .ping_pong = -1};
	static struct run_remote remote;
	enum run_isa remote_isa = RUN_X86_64;
	char error[600];
	const char *stats_path = NULL;
	int option;
	while ((option = getopt_long(argc, argv, "+vh", options, NULL)) != -1) {
		switch (option) {
		case MIGRATE_AFTER:
		case PING_PONG: {
			double seconds = parse_duration(optarg);
			if (seconds < 0) {
				fprintf(stderr, "xmig-run: %s is not a duration (500ms, 2s, 1m)\n",
				        optarg);
				return XMIG_RUN_USAGE;
			}
			*(option == PING_PONG ? &run.ping_pong : &run.migrate_after) = seconds;
			break;
		}
		case AT_POINT:
		case EVERY_POINTS: {
			char *end;
			unsigned long long point = strtoull(optarg, &end, 10);
			if (*end || point == 0 || optarg[0] == '-') {
				fprintf(stderr, "xmig-run: points count from 1, not %s\n", optarg);
				return XMIG_RUN_USAGE;
			}
			*(option == AT_POINT ? &run.at_point : &run.every_points) = point;
			break;
		}
		case MIGRATE: {
			char *end;
			long pid = strtol(optarg, &end, 10);
			if (*end || pid <= 0) {
				fprintf(stderr, "xmig-run: %s is not a process ID\n", optarg);
				return XMIG_RUN_USAGE;
			}
			if (run_ask_to_migrate((pid_t)pid, error, sizeof error) != 0) {
				fprintf(stderr, "xmig-run: %s\n", error);
				return 1;
			}
			return 0;
		}
		case TO:
			if (strncmp(optarg, "ssh://", 6) == 0) {
				if (run_remote_parse(optarg, &remote, error, sizeof error) != 0) {
					fprintf(stderr, "xmig-run: %s\n", error);
					return XMIG_RUN_USAGE;
				}
				run.remote = &remote;
				break;
			}
			/* fall through */
		case ARCH:
		case REMOTE_ARCH: {
			enum run_isa isa;
			if (run_isa_parse(optarg, &isa) != 0) {
				fprintf(stderr,
				        "xmig-run: %s is not an ISA xmig runs (x86_64, "
				        "aarch64)%s\n",
				        optarg, "");
				return XMIG_RUN_USAGE;
			}
			if (option == TO)
				run.to_set = 1, run.to = isa;
			else if (option == ARCH)
				run.arch_set = 1, run.arch = isa;
			else
				run.remote_isa_set = 1, remote_isa = isa;
			break;
		}
		case CHECKPOINT:
			run.checkpoint = optarg;
			break;
		case CONTINUE:
			run.continue_after_checkpoint = 1;
			break;
		case PORTABLE:
			run.portable_checkpoint = 1;
			break;
		case RESTORE:
			run.restore = optarg;
			break;
		case KEEP_IMAGES:
			run.keep_images = optarg;
			break;
		case STATS:
			stats_path = optarg;
			break;
		case SERVE:
			run.serve = 1;
			break;
		case SHIP:
			run.ship = 1;
			break;
		case 'v':
			run.verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return XMIG_RUN_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return XMIG_RUN_USAGE;
	}
	if ((run.continue_after_checkpoint || run.portable_checkpoint) && !run.checkpoint) {
		fputs("xmig-run: --continue and --portable go with --checkpoint\n", stderr);
		return XMIG_RUN_USAGE;
	}
	if ((run.remote_isa_set || run.ship) && !run.remote) {
		fputs("xmig-run: --remote-arch and --ship go with --to ssh://...\n", stderr);
		return XMIG_RUN_USAGE;
	}
	if (run.serve && (run.restore || run.checkpoint || run.remote || run.ping_pong >= 0 ||
	                  run.migrate_after >= 0 || run.at_point)) {
		fputs("xmig-run: --serve takes only --arch and --every-points\n", stderr);
		return XMIG_RUN_USAGE;
	}
	if (run.remote)
		remote.isa = remote_isa;
	run.program = argv[optind];
	run.arguments = argv + optind + 1;
	if (run_install_signals() != 0) {
		fprintf(stderr, "xmig-run: cannot handle signals: %s\n", strerror(errno));
		return XMIG_RUN_FAILED;
	}
	if (stats_path) {
		run.stats = fopen(stats_path, "a");
		if (!run.stats) {
			fprintf(stderr, "xmig-run: cannot open %s: %s\n", stats_path,
			        strerror(errno));
			return XMIG_RUN_USAGE;
		}
	}
	int status = run_session(&run);
	if (run.stats)
		fclose(run.stats);
	return status;
}
