// Renames the program's main to __xmig_main, so that the runtime's main can
// set up the fixed ranges and the native stack before the program starts.
#ifndef XMIG_RENAME_MAIN_H
#define XMIG_RENAME_MAIN_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class RenameMainPass : public llvm::PassInfoMixin<RenameMainPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &);
};

} // namespace xmig

#endif
