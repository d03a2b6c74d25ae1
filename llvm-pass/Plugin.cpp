// Registers xmig's passes with the new pass manager: with clang's
// -fpass-plugin=migpoint.so they run inside the normal pipeline, and with
// opt -load-pass-plugin they can be named one by one in -passes= (the tests).
//
// Pipeline start (before anything target-dependent): rename main, keep frame
// pointers, and define every site's source frame (SourceSites.h). Vectorizer
// start: drop inlined entry points. Optimizer end: statepoints, the data
// stack's markers, sections (Statepoints.h).
#include "EarlyInline.h"
#include "FramePointers.h"
#include "RenameMain.h"
#include "SourceSites.h"
#include "Statepoints.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

// Code-generator settings every instrumented program needs, set where the
// plugin is loaded so that a plain `clang -fpass-plugin=migpoint.so` gets
// them too:
// - when optimizing, a record's values in registers where the register
//   allocator likes, with those it left in registers a call clobbers spilled
//   right before the call (FixupStatepointCallerSaved): values stay readable
//   at the return address of every frame, at the cost of a store only where
//   needed. -O0's fast allocator cannot fold them into memory when registers
//   run out, so there every value gets a stack slot;
// - x86_64's outgoing stack arguments stored into the frame, not pushed: a
//   frame then has the same size at every call, the size the stack map
//   records, which the unwinder checks against the CFI.
static void setCodeGeneratorOption(StringRef name, bool value)
{
	StringMap<cl::Option *> &options = cl::getRegisteredOptions();
	auto found = options.find(name);
	if (found == options.end())
		return;
	auto *option = static_cast<cl::opt<bool> *>(found->second);
	option->setValue(value);
}

static void addPipelineStartPasses(ModulePassManager &passes, OptimizationLevel level)
{
	passes.addPass(xmig::RenameMainPass());
	passes.addPass(xmig::FramePointersPass());
	if (level != OptimizationLevel::O0)
		passes.addPass(xmig::EarlyInlinePass());
	passes.addPass(xmig::SourceSitesPass());
	// clang does not verify the module between passes; a malformed path
	// would otherwise crash a later pass with no useful message.
	passes.addPass(VerifierPass());
}

static void addVectorizerStartPasses(FunctionPassManager &passes, OptimizationLevel)
{
	passes.addPass(xmig::DropInlinedPointsPass());
}

static void addOptimizerLastPasses(ModulePassManager &passes, OptimizationLevel level)
{
	setCodeGeneratorOption("use-registers-for-deopt-values", level != OptimizationLevel::O0);
	passes.addPass(xmig::StatepointsPass());
	passes.addPass(VerifierPass());
}

static bool parseModulePass(StringRef name, ModulePassManager &passes,
                            ArrayRef<PassBuilder::PipelineElement>)
{
	if (name == "xmig-rename-main")
		passes.addPass(xmig::RenameMainPass());
	else if (name == "xmig-frame-pointers")
		passes.addPass(xmig::FramePointersPass());
	else if (name == "xmig-early-inline")
		passes.addPass(xmig::EarlyInlinePass());
	else if (name == "xmig-source-sites")
		passes.addPass(xmig::SourceSitesPass());
	else if (name == "xmig-statepoints")
		passes.addPass(xmig::StatepointsPass());
	else if (name == "xmig-start")
		addPipelineStartPasses(passes, OptimizationLevel::O0);
	else
		return false;
	return true;
}

static bool parseFunctionPass(StringRef name, FunctionPassManager &passes,
                              ArrayRef<PassBuilder::PipelineElement>)
{
	if (name != "xmig-drop-inlined-points")
		return false;
	passes.addPass(xmig::DropInlinedPointsPass());
	return true;
}

static void registerCallbacks(PassBuilder &builder)
{
	setCodeGeneratorOption("no-x86-call-frame-opt", true);
	builder.registerPipelineStartEPCallback(addPipelineStartPasses);
	builder.registerVectorizerStartEPCallback(addVectorizerStartPasses);
	builder.registerOptimizerLastEPCallback(addOptimizerLastPasses);
	builder.registerPipelineParsingCallback(parseModulePass);
	builder.registerPipelineParsingCallback(parseFunctionPass);
}

extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
llvmGetPassPluginInfo()
{
	return {LLVM_PLUGIN_API_VERSION, "migpoint", "0.2.0", registerCallbacks};
}
