/* Where an installed (or built) xmig keeps its pieces: every tool finds the
 * others relative to its own executable, so a prefix can be moved as a whole. */
#ifndef XMIG_TOOLS_PREFIX_H
#define XMIG_TOOLS_PREFIX_H

#include <stddef.h>

/* Writes into prefix the parent of the directory holding the running
 * executable. On failure prints a message starting with "tool: " and
 * returns -1. */
int xmig_find_prefix(const char *tool, char *prefix, size_t size);

#endif
