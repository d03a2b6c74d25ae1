// Gives every instrumented function a frame the other ISA can be told about:
// a frame pointer (the runtime finds the frames at capture by walking their
// chain) and no stack realignment (a realigned frame's size is not fixed, so
// the stack map cannot record it).
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
