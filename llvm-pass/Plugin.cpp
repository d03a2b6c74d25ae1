// Registers xmig's passes with the new pass manager: with clang's
// -fpass-plugin=migpoint.so they run inside the normal pipeline, and with
// opt -load-pass-plugin they can be named one by one in -passes= (the tests).
#include "FramePointers.h"
#include "RenameMain.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

static void addPipelineStartPasses(ModulePassManager &passes, OptimizationLevel)
{
	passes.addPass(xmig::RenameMainPass());
	passes.addPass(xmig::FramePointersPass());
}

static bool parseModulePass(StringRef name, ModulePassManager &passes,
                            ArrayRef<PassBuilder::PipelineElement>)
{
	if (name == "xmig-rename-main") {
		passes.addPass(xmig::RenameMainPass());
		return true;
	}
	if (name == "xmig-frame-pointers") {
		passes.addPass(xmig::FramePointersPass());
		return true;
	}
	return false;
}

static void registerCallbacks(PassBuilder &builder)
{
	builder.registerPipelineStartEPCallback(addPipelineStartPasses);
	builder.registerPipelineParsingCallback(parseModulePass);
}

extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
llvmGetPassPluginInfo()
{
	return {LLVM_PLUGIN_API_VERSION, "migpoint", "0.1.0", registerCallbacks};
}
