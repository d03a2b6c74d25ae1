/* Archives of fat objects: the host ISA links them as they are; the other
 * ISA gets an archive of the objects riding inside their members. */
#ifndef XMIG_DRIVER_ARCHIVE_H
#define XMIG_DRIVER_ARCHIVE_H

#include "toolchain.h"

/* Returns a temporary archive of the foreign ISA's objects inside the
 * members of archive, in the same order, or NULL with a message. The same
 * archive asked for twice gives the same result. */
const char *xmig_foreign_archive(const struct xmig_toolchain *toolchain, const char *archive);

#endif
