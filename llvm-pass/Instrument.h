// The end-of-pipeline pass: makes every defined function of the module
// migratable, one concern after another (each in its own file), then lets
// LLVM's RewriteStatepointsForGC turn the prepared sites into statepoints.
#ifndef XMIG_INSTRUMENT_H
#define XMIG_INSTRUMENT_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class InstrumentPass : public llvm::PassInfoMixin<InstrumentPass>
{
      public:
	explicit InstrumentPass(bool optimizing = true) : optimizing_(optimizing)
	{
	}
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);

      private:
	bool optimizing_;
};

} // namespace xmig

#endif
