#include "Instrument.h"

#include "DataStack.h"
#include "Diagnostics.h"
#include "MigrationPoints.h"
#include "Options.h"
#include "Sections.h"
#include "Sites.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Scalar/RewriteStatepointsForGC.h"

using namespace llvm;

namespace xmig
{

static void instrumentFunction(Function &function, FunctionAnalysisManager &analyses,
                               bool wants_points, bool optimizing)
{
	uint8_t unsafe_flags = diagnoseFunction(function);

	// Loop headers are found before the function changes; moving allocas
	// keeps every instruction they point at.
	SmallVector<Instruction *, 8> loop_points;
	if (wants_points)
		loop_points = loopPointPositions(analyses.getResult<LoopAnalysis>(function));

	DataStackFrame frame = moveAllocasToDataStack(function);
	if (wants_points && EntryPoints)
		insertMigrationPoint(*frame.body_start);
	for (Instruction *position : loop_points)
		insertMigrationPoint(*position);

	// Library information does not depend on the body; everything else
	// cached for the function is stale once the sites are rewritten.
	const TargetLibraryInfo &libraries = analyses.getResult<TargetLibraryAnalysis>(function);
	prepareSites(function, libraries, frame.signature, unsafe_flags, optimizing);
	analyses.invalidate(function, PreservedAnalyses::none());
}

PreservedAnalyses InstrumentPass::run(Module &module, ModuleAnalysisManager &analyses)
{
	auto &function_analyses =
	        analyses.getResult<FunctionAnalysisManagerModuleProxy>(module).getManager();
	StringSet<> without_points = functionsWithoutPoints(module);

	diagnoseModule(module);
	for (Function &function : module) {
		if (function.isDeclaration())
			continue;
		instrumentFunction(function, function_analyses,
		                   !without_points.contains(function.getName()), optimizing_);
	}

	RewriteStatepointsForGC().run(module, analyses);
	assignSections(module);
	return PreservedAnalyses::none();
}

} // namespace xmig
