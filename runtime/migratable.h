/* Runtime state that migrates with the program. Its section name makes
 * xmig-align place it inside the migratable data range, at the same address
 * on both ISAs; runtime state without it stays behind. */
#ifndef XMIG_RUNTIME_MIGRATABLE_H
#define XMIG_RUNTIME_MIGRATABLE_H

#include "xmig/section_names.h"

/* For zero-initialized variables: the name's .bss prefix makes the section
 * NOBITS. The "runtime." part cannot collide with a program's symbols, which
 * have no dot (external) or a module key before it (internal). */
#define XMIG_MIGRATABLE_ZEROED(name)                                                               \
	__attribute__((section(XMIG_BSS_SECTION_PREFIX "runtime." #name))) name

#endif
