/* The unpaired-site table: the IDs of the sites that exist in only one of the
 * two binaries of a program, or differ between them. The runtime declines to
 * migrate while one of them is on the stack, because the other ISA has no
 * frame to rebuild for it.
 *
 * xmig-align reserves the table in both binaries (section XMIG_UNPAIRED_SECTION,
 * bracketed by __xmig_unpaired_table and __xmig_unpaired_table_end), sized for
 * every site the objects hold; xmig-check pairs the linked binaries and writes
 * the IDs into both files in place. A table still in state UNCHECKED means
 * xmig-check never ran, and the runtime then migrates nothing. */
#ifndef XMIG_UNPAIRED_TABLE_H
#define XMIG_UNPAIRED_TABLE_H

#include <stdint.h>

#define XMIG_UNPAIRED_SECTION ".xmig.unpaired"
#define XMIG_UNPAIRED_MAGIC   "XMIGUNPR"
#define XMIG_UNPAIRED_VERSION 1

enum xmig_unpaired_state {
	XMIG_UNPAIRED_UNCHECKED = 0,
	XMIG_UNPAIRED_CHECKED = 1,
};

/* Little-endian on both ISAs; 8-byte fields are 8-aligned. */
struct xmig_unpaired_table {
	char magic[8];
	uint32_t version;
	uint32_t state;    /* enum xmig_unpaired_state */
	uint64_t capacity; /* entries reserved after the header */
	uint64_t count;    /* entries used */
	uint64_t ids[];    /* ascending, count of them */
};

#endif
