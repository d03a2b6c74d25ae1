/* The C side of __xmig_point (arch/<isa>/point.S). */
#ifndef XMIG_RUNTIME_CAPTURE_H
#define XMIG_RUNTIME_CAPTURE_H

#include "xmig/registers.h"

/* Where __xmig_point records the registers of the point it was called from. */
extern struct xmig_registers xmig_point_registers;

void xmig_point_slow(struct xmig_registers *registers);

#endif
