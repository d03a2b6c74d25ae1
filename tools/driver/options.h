/* Whether clang knows the options xmig-cc passes on without knowing them
 * itself (-f..., -g..., -Xarch_...), asked before anything is compiled, so
 * that a misspelt option is an unknown option and not a failed compile. */
#ifndef XMIG_DRIVER_OPTIONS_H
#define XMIG_DRIVER_OPTIONS_H

#include "arguments.h"
#include "toolchain.h"

/* Returns -1 with a message when clang refuses an option. */
int xmig_check_options(const struct xmig_toolchain *toolchain,
                       const struct xmig_arguments *arguments);

#endif
