// The runtime's symbols as instrumented code refers to them.
//
// Programs link the runtime statically, so its globals are always in the
// same module as the code that reads them. Declared dso_local, they are
// reached directly (one adrp + ldr on aarch64) rather than through the GOT,
// which matters on every function entry and at every migration point. Only
// code built for a shared library (PIC, not PIE) keeps the GOT, as there the
// symbols might come from elsewhere.
#ifndef XMIG_RUNTIME_SYMBOLS_H
#define XMIG_RUNTIME_SYMBOLS_H

#include "llvm/ADT/StringRef.h"

namespace llvm
{
class GlobalVariable;
class Module;
class Type;
} // namespace llvm

namespace xmig
{

llvm::GlobalVariable *runtimeGlobal(llvm::Module &module, llvm::StringRef name, llvm::Type *type);

} // namespace xmig

#endif
