// Keeps a frame pointer in every instrumented function: the runtime finds the
// frames on the stack at capture by walking the frame-pointer chain.
#ifndef XMIG_FRAME_POINTERS_H
#define XMIG_FRAME_POINTERS_H

#include "llvm/IR/PassManager.h"

namespace xmig
{

class FramePointersPass : public llvm::PassInfoMixin<FramePointersPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &);
};

} // namespace xmig

#endif
