/* Link mode: both ISAs' objects, aligned by xmig-align, linked, checked by
 * xmig-check, and only then put in place as OUTPUT.x86_64, OUTPUT.aarch64
 * and OUTPUT, the host ISA's. */
#ifndef XMIG_DRIVER_LINK_H
#define XMIG_DRIVER_LINK_H

#include "arguments.h"
#include "toolchain.h"

int xmig_link_program(const struct xmig_toolchain *toolchain,
                      const struct xmig_arguments *arguments);

#endif
