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
		if (function.getFnAttribute("frame-pointer").getValueAsString() != "all") {
			function.addFnAttr("frame-pointer", "all");
			changed = true;
		}
		/* A realigned frame has no fixed size: the stack map records it as
		 * unknown, and the transformer could not place the frame on the
		 * other ISA. Over-aligned spill slots (a live <8 x double>) are
		 * accessed with unaligned moves instead. */
		if (!function.hasFnAttribute("no-realign-stack")) {
			function.addFnAttr("no-realign-stack");
			changed = true;
		}
	}
	return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace xmig
