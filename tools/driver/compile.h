/* Compiling C sources: one ISA at a time, with migpoint.so, and the -c mode's
 * fat objects, one per source. */
#ifndef XMIG_DRIVER_COMPILE_H
#define XMIG_DRIVER_COMPILE_H

#include "arguments.h"
#include "toolchain.h"

/* Compiles source for isa into object. Only the host ISA's compile writes
 * the dependency file, named and targeted as cc would. */
int xmig_compile(const struct xmig_toolchain *toolchain, const struct xmig_arguments *arguments,
                 const struct xmig_input *source, enum xmig_isa isa, const char *object);

/* -c: every source to a fat object, named by -o or after the source. */
int xmig_compile_fat_objects(const struct xmig_toolchain *toolchain,
                             const struct xmig_arguments *arguments);

/* The last component of path, its extension replaced by extension (which
 * starts with the dot), as cc names its outputs. */
char *xmig_replace_extension(const char *path, const char *extension, int keep_directory);

#endif
