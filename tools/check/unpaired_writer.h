/* Writing the unpaired-site table (xmig/unpaired_table.h) into a linked
 * binary, in place: the table's size and address are fixed by the link. */
#ifndef XMIG_CHECK_UNPAIRED_WRITER_H
#define XMIG_CHECK_UNPAIRED_WRITER_H

#include <stddef.h>
#include <stdint.h>

/* `ids` ascending and unique. Prints why and returns -1 on failure (no table,
 * a table that does not look like one, too small for the IDs). */
int xmig_write_unpaired_table(const char *path, const uint64_t *ids, size_t count);

#endif
