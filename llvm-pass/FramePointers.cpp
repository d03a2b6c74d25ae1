#include "FramePointers.h"

#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

PreservedAnalyses FramePointersPass::run(Module &module, ModuleAnalysisManager &)
{
	bool changed = false;
	for (Function &function : module) {
		if (function.isDeclaration())
			continue;
		if (function.getFnAttribute("frame-pointer").getValueAsString() == "all")
			continue;
		function.addFnAttr("frame-pointer", "all");
		changed = true;
	}
	return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace xmig
