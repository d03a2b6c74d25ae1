// The plugin's policy options. With opt they are ordinary flags; through clang
// they need the plugin loaded before option parsing:
//   clang -Xclang -load -Xclang migpoint.so -fpass-plugin=migpoint.so -mllvm -xmig-...
#ifndef XMIG_OPTIONS_H
#define XMIG_OPTIONS_H

#include "llvm/Support/CommandLine.h"

#include <string>

namespace xmig
{

enum class LoopPointPolicy { None, Calls, Bounded, Innermost, All };

extern llvm::cl::opt<bool> EntryPoints;
extern llvm::cl::opt<LoopPointPolicy> LoopPoints;
extern llvm::cl::opt<bool> LeafEntryPoints;
extern llvm::cl::list<std::string> NoPointFunctions;

} // namespace xmig

#endif
