// Registers xmig's passes with the new pass manager: with clang's
// -fpass-plugin=migpoint.so they run inside the normal pipeline, and with
// opt -load-pass-plugin they can be named one by one in -passes= (the tests).
//
// Pipeline start (before any target-dependent optimization): rename main,
// keep frame pointers, tag candidate sites, mark struct arguments. Optimizer end: everything that
// must see the final IR (data stack, migration points, statepoints, sections).
#include "ArgumentGroups.h"
#include "FramePointers.h"
#include "Instrument.h"
#include "RenameMain.h"
#include "Sites.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

static void addPipelineStartPasses(ModulePassManager &passes, OptimizationLevel)
{
	passes.addPass(xmig::RenameMainPass());
	passes.addPass(xmig::FramePointersPass());
	passes.addPass(xmig::TagSitesPass());
	passes.addPass(xmig::ArgumentGroupsPass());
}

static void addOptimizerLastPasses(ModulePassManager &passes, OptimizationLevel level)
{
	passes.addPass(xmig::InstrumentPass(level != OptimizationLevel::O0));
	// clang does not verify the module after optimization; a malformed
	// statepoint would otherwise crash the backend with no useful message.
	passes.addPass(VerifierPass());
}

static bool parseModulePass(StringRef name, ModulePassManager &passes,
                            ArrayRef<PassBuilder::PipelineElement>)
{
	if (name == "xmig-rename-main")
		passes.addPass(xmig::RenameMainPass());
	else if (name == "xmig-frame-pointers")
		passes.addPass(xmig::FramePointersPass());
	else if (name == "xmig-tag-sites")
		passes.addPass(xmig::TagSitesPass());
	else if (name == "xmig-argument-groups")
		passes.addPass(xmig::ArgumentGroupsPass());
	else if (name == "xmig-instrument")
		passes.addPass(xmig::InstrumentPass());
	else if (name == "xmig-start")
		addPipelineStartPasses(passes, OptimizationLevel::O0);
	else
		return false;
	return true;
}

static void registerCallbacks(PassBuilder &builder)
{
	builder.registerPipelineStartEPCallback(addPipelineStartPasses);
	builder.registerOptimizerLastEPCallback(addOptimizerLastPasses);
	builder.registerPipelineParsingCallback(parseModulePass);
}

extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
llvmGetPassPluginInfo()
{
	return {LLVM_PLUGIN_API_VERSION, "migpoint", "0.1.0", registerCallbacks};
}
