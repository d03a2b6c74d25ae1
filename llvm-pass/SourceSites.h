// The start of the pipeline, where the state of every site is defined
// (docs/plugin.md). For each function, before anything target-dependent has
// run: migration points, the sites and their IDs, the data-stack frame, each
// site's record of the source frame (a deopt bundle the optimizer keeps
// correct, and the inliner extends with the caller's), and the paths by
// which a migrated frame is rebuilt. Whatever each ISA's optimizer then
// does, a site records the same source frames with the same values on both.
#ifndef XMIG_SOURCE_SITES_H
#define XMIG_SOURCE_SITES_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class SourceSitesPass : public llvm::PassInfoMixin<SourceSitesPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);
};

// Before the vectorizer (MigrationPoints.h): inlined entry points go.
class DropInlinedPointsPass : public llvm::PassInfoMixin<DropInlinedPointsPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &);
};

} // namespace xmig

#endif
