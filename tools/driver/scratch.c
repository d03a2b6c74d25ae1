#define _GNU_SOURCE
#include "scratch.h"

#include "list.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *directory;
static struct xmig_list stray_files;
static unsigned long counter;

static int remove_entry(const char *path, const struct stat *status, int type, struct FTW *walk)
{
	(void)status;
	(void)type;
	(void)walk;
	if (remove(path) != 0 && errno != ENOENT)
		fprintf(stderr, "xmig-cc: warning: cannot remove temporary %s: %s\n", path,
		        strerror(errno));
	return 0;
}

void xmig_scratch_clean(void)
{
	for (size_t i = 0; i < stray_files.count; i++)
		if (stray_files.items[i])
			unlink(stray_files.items[i]);
	xmig_list_free(&stray_files);
	if (directory) {
		/* FTW_PHYS: a symbolic link in there is removed, never followed. */
		nftw(directory, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(directory);
		directory = NULL;
	}
}

const char *xmig_scratch_directory(void)
{
	if (directory)
		return directory;
	const char *parent = getenv("TMPDIR");
	if (!parent || !*parent)
		parent = "/tmp";
	char *template = xmig_format("%s/xmig-cc.XXXXXX", parent);
	if (!mkdtemp(template)) {
		fprintf(stderr, "xmig-cc: cannot make a temporary directory in %s: %s\n", parent,
		        strerror(errno));
		free(template);
		return NULL;
	}
	directory = template;
	return directory;
}

char *xmig_scratch_path(const char *name)
{
	if (!xmig_scratch_directory())
		return NULL;
	/* Only the last component of name: inputs from different directories may
	 * share a base name, which the counter tells apart. */
	const char *slash = strrchr(name, '/');
	return xmig_format("%s/%lu-%s", directory, counter++, slash ? slash + 1 : name);
}

void xmig_scratch_remove_at_exit(const char *path)
{
	xmig_list_add(&stray_files, xmig_copy(path));
}

void xmig_scratch_keep(const char *path)
{
	for (size_t i = 0; i < stray_files.count; i++)
		if (stray_files.items[i] && strcmp(stray_files.items[i], path) == 0) {
			free(stray_files.items[i]);
			stray_files.items[i] = NULL;
		}
}
