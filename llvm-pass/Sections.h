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

// Section names: see xmig/section_names.h; <name> from qualifiedName().
void assignSections(llvm::Module &module);

// Records in the module that it was instrumented (assignSections does it).
void markInstrumented(llvm::Module &module);

} // namespace xmig

#endif
