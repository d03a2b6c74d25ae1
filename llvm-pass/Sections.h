// Gives every instrumented function and global its own section, named the
// same in both ISAs' compilations and differently in every translation unit,
// so that xmig-align can match them by name and place them at one address.
#ifndef XMIG_SECTIONS_H
#define XMIG_SECTIONS_H

namespace llvm
{
class Module;
}

namespace xmig
{

// Section names: .text.xmig.<name>, .rodata.xmig.<name>, .data.xmig.<name>,
// .bss.xmig.<name>, with <name> from qualifiedName().
void assignSections(llvm::Module &module);

// The text every instrumented object carries in its .comment section; the
// version changes whenever objects of different plugin versions cannot be
// linked together.
inline constexpr const char *instrumentedMark = "xmig migpoint.so 1";

// Records in the module that it was instrumented (assignSections does it).
void markInstrumented(llvm::Module &module);

} // namespace xmig

#endif
