// What makes a frame impossible to migrate, reported as clang warnings at the
// source location, and returned as site flags so that the runtime never
// migrates while such a frame is on the stack.
#ifndef XMIG_DIAGNOSTICS_H
#define XMIG_DIAGNOSTICS_H

#include <cstdint>

namespace llvm
{
class DebugLoc;
class Function;
class Type;
class Module;
} // namespace llvm

namespace xmig
{

// Warns about every construct in the function that cannot migrate and
// returns the XMIG_SITE_USES_* flags its sites must carry.
uint8_t diagnoseFunction(llvm::Function &function);

// Module-level constructs: thread-local variables, reported at each function
// that uses one.
void diagnoseModule(llvm::Module &module);

// A local of a type with a layout per ISA is live across
// calls, which makes those frames stay on their ISA.
void warnPerIsaLocal(llvm::Function &function, llvm::Type &local, const llvm::DebugLoc &where);

} // namespace xmig

#endif
