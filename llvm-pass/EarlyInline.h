// At the start of the pipeline, before sites are defined: calls to small
// functions of the same file are inlined, by a measure of size that does not
// depend on the target. A call that disappears early is no site, so a hot
// loop that calls a small helper carries no record, no resume path and no
// point, and the helper's locals become the caller's, which the optimizer
// keeps in registers (a struct whose address is passed to the helper no
// longer escapes). LLVM's inliner still runs later, with each target's costs;
// what it inlines keeps the source frames it had (docs/plugin.md).
#ifndef XMIG_EARLY_INLINE_H
#define XMIG_EARLY_INLINE_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class EarlyInlinePass : public llvm::PassInfoMixin<EarlyInlinePass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);
};

} // namespace xmig

#endif
