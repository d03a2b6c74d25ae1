#define _GNU_SOURCE
#include "binaries.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const isa_names[RUN_ISA_COUNT] = {"x86_64", "aarch64"};
static const unsigned elf_machines[RUN_ISA_COUNT] = {EM_X86_64, EM_AARCH64};

const char *run_isa_name(enum run_isa isa)
{
	return isa_names[isa];
}

int run_isa_parse(const char *name, enum run_isa *isa)
{
	for (int i = 0; i < RUN_ISA_COUNT; i++)
		if (strcmp(name, isa_names[i]) == 0) {
			*isa = (enum run_isa)i;
			return 0;
		}
	return -1;
}

int run_bytes_isa(const uint8_t *bytes, size_t size, enum run_isa *isa)
{
	Elf64_Ehdr header;
	if (size < sizeof header)
		return -1;
	memcpy(&header, bytes, sizeof header);
	if (memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
		return -1;
	for (int i = 0; i < RUN_ISA_COUNT; i++)
		if (header.e_machine == elf_machines[i]) {
			*isa = (enum run_isa)i;
			return 0;
		}
	return -1;
}

int run_file_isa(const char *path, enum run_isa *isa)
{
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0)
		return -1;
	uint8_t header[sizeof(Elf64_Ehdr)];
	ssize_t got = read(descriptor, header, sizeof header);
	close(descriptor);
	return got < 0 ? -1 : run_bytes_isa(header, (size_t)got, isa);
}

static int executable(const char *path)
{
	struct stat status;
	return stat(path, &status) == 0 && S_ISREG(status.st_mode) && access(path, X_OK) == 0;
}

/* The first executable `name` on PATH, into found. */
static int on_path(const char *name, char *found, size_t size)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t length = strcspn(path, ":");
		if (length > 0 &&
		    (size_t)snprintf(found, size, "%.*s/%s", (int)length, path, name) < size &&
		    executable(found))
			return 1;
		path += length + (path[length] == ':');
	}
	found[0] = '\0';
	return 0;
}

static int binfmt_enabled(const char *name)
{
	char path[256], state[16] = "";
	snprintf(path, sizeof path, "/proc/sys/fs/binfmt_misc/%s", name);
	FILE *file = fopen(path, "r");
	if (!file)
		return 0;
	int enabled = fgets(state, sizeof state, file) && strncmp(state, "enabled", 7) == 0;
	fclose(file);
	return enabled;
}

int run_find_binaries(const char *program, struct run_binaries *binaries, char *error,
                      unsigned error_size)
{
	memset(binaries, 0, sizeof *binaries);
	binaries->host = RUN_X86_64;
#if defined(__aarch64__)
	binaries->host = RUN_AARCH64;
#endif
	/* prog.<isa> given: the base is prog. */
	char base[4096];
	snprintf(base, sizeof base, "%s", program);
	for (int i = 0; i < RUN_ISA_COUNT; i++) {
		size_t length = strlen(base), suffix = strlen(isa_names[i]) + 1;
		if (length > suffix && base[length - suffix] == '.' &&
		    strcmp(base + length - suffix + 1, isa_names[i]) == 0)
			base[length - suffix] = '\0';
	}
	for (int i = 0; i < RUN_ISA_COUNT; i++) {
		char *path = binaries->path[i];
		snprintf(path, sizeof binaries->path[i], "%s.%s", base, isa_names[i]);
		enum run_isa isa;
		if (!executable(path) || run_file_isa(path, &isa) != 0 || isa != (enum run_isa)i)
			path[0] = '\0';
	}
	/* A lone `prog` of the host's ISA stands for prog.<host>. */
	enum run_isa isa;
	if (!binaries->path[binaries->host][0] && executable(base) &&
	    run_file_isa(base, &isa) == 0 && isa == binaries->host)
		snprintf(binaries->path[binaries->host], sizeof binaries->path[0], "%s", base);
	for (int i = 0; i < RUN_ISA_COUNT; i++) {
		if (i == (int)binaries->host)
			continue;
		char qemu[32];
		snprintf(qemu, sizeof qemu, "qemu-%s", isa_names[i]);
		if (!on_path(qemu, binaries->qemu[i], sizeof binaries->qemu[i])) {
			snprintf(qemu, sizeof qemu, "qemu-%s-static", isa_names[i]);
			on_path(qemu, binaries->qemu[i], sizeof binaries->qemu[i]);
		}
		snprintf(qemu, sizeof qemu, "qemu-%s", isa_names[i]);
		binaries->binfmt[i] = binfmt_enabled(qemu);
	}
	if (!binaries->path[RUN_X86_64][0] && !binaries->path[RUN_AARCH64][0]) {
		snprintf(error, error_size,
		         "no binary of %s: expected %s.x86_64 and %s.aarch64 (built by xmig-cc)",
		         program, base, base);
		return -1;
	}
	return 0;
}

int run_can_start(const struct run_binaries *binaries, enum run_isa isa, char *error,
                  unsigned error_size)
{
	if (!binaries->path[isa][0]) {
		snprintf(error, error_size, "there is no %s binary of the program (its .%s file)",
		         isa_names[isa], isa_names[isa]);
		return 0;
	}
	if (isa != binaries->host && !binaries->qemu[isa][0] && !binaries->binfmt[isa]) {
		snprintf(error, error_size,
		         "cannot run %s binaries here: qemu-%s is not on PATH and binfmt_misc does "
		         "not handle them (apt-get install qemu-user)",
		         isa_names[isa], isa_names[isa]);
		return 0;
	}
	return 1;
}
