#include "RenameMain.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

static constexpr const char *RenamedMain = "__xmig_main";

PreservedAnalyses RenameMainPass::run(Module &module, ModuleAnalysisManager &)
{
	// Declarations too: a call to main from another translation unit must
	// reach the program's main, not the runtime's.
	Function *main = module.getFunction("main");
	if (!main)
		return PreservedAnalyses::all();

	if (module.getNamedValue(RenamedMain)) {
		module.getContext().diagnose(DiagnosticInfoUnsupported(
		        *main, "xmig: '__xmig_main' is reserved for the renamed main"));
		return PreservedAnalyses::all();
	}
	main->setName(RenamedMain);
	return PreservedAnalyses::none();
}

} // namespace xmig
