// The end of the optimizer: every call that still carries a source frame's
// record becomes a gc.statepoint, whose stack-map record is the site's
// (docs/site-record.md); the data-stack markers become plain loads and stores;
// every function and global gets its own section for the aligner.
#ifndef XMIG_STATEPOINTS_H
#define XMIG_STATEPOINTS_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class StatepointsPass : public llvm::PassInfoMixin<StatepointsPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);
};

} // namespace xmig

#endif
