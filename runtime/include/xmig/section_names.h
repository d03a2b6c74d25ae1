/* The names through which the plugin, xmig-align, xmig-check and the runtime
 * find each other's work in objects and binaries. */
#ifndef XMIG_SECTION_NAMES_H
#define XMIG_SECTION_NAMES_H

/* Every instrumented function and global gets a section of its own, named
 * after it identically in both ISAs' objects: the prefix for its kind, then
 * its (module-qualified, for internal symbols) name. */
#define XMIG_TEXT_SECTION_PREFIX   ".text.xmig."
#define XMIG_RODATA_SECTION_PREFIX ".rodata.xmig."
#define XMIG_DATA_SECTION_PREFIX   ".data.xmig."
#define XMIG_BSS_SECTION_PREFIX    ".bss.xmig."

/* The .comment entry of every object the plugin compiled. The number changes
 * whenever objects of different plugin versions cannot be linked together. */
#define XMIG_INSTRUMENTED_MARK "xmig migpoint.so 1"

/* Linker-defined symbols bracketing the aligned ranges of a binary. The
 * migratable data range runs from __xmig_data_start to __xmig_data_end and
 * holds the instrumented programs' writable globals and the runtime state that
 * migrates with them. */
#define XMIG_TEXT_START_SYMBOL   "__xmig_text_start"
#define XMIG_TEXT_END_SYMBOL     "__xmig_text_end"
#define XMIG_RODATA_START_SYMBOL "__xmig_rodata_start"
#define XMIG_RODATA_END_SYMBOL   "__xmig_rodata_end"
#define XMIG_DATA_START_SYMBOL   "__xmig_data_start"
#define XMIG_DATA_END_SYMBOL     "__xmig_data_end"

#endif
