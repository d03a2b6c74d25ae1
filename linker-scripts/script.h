/* Writing one ISA's linker script from the layout and the template. */
#ifndef XMIG_ALIGN_SCRIPT_H
#define XMIG_ALIGN_SCRIPT_H

#include "layout.h"

#include <stdio.h>

/* The template (aligned.ld.in), compiled in. */
extern const char xmig_script_template[];

/* isa_index: the ISA's position in the inputs the layout was made from. */
int xmig_write_script(FILE *out, unsigned isa_index, const char *isa,
                      const struct xmig_layout *layout);

#endif
