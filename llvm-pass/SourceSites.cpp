#include "SourceSites.h"

#include "ByValueArguments.h"
#include "DataStackFrame.h"
#include "Diagnostics.h"
#include "FrameVariables.h"
#include "JumpBuffers.h"
#include "MigrationPoints.h"
#include "Options.h"
#include "ResumePaths.h"
#include "SiteRecords.h"
#include "SiteSelection.h"
#include "WaitPoints.h"
#include "xmig/site_record.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace xmig
{

static SmallVector<CallBase *, 16> siteCalls(Function &function,
                                             const TargetLibraryInfo &libraries);

// A leaf (a function that calls nothing instrumented) gets no entry point
// unless asked: it returns soon to a caller that has points, or to a loop
// that has one (the "calls" policy), and its own point would cost register
// saves on every call (bench/plugin/overhead).
static void insertPoints(Function &function, const TargetLibraryInfo &libraries)
{
	SmallVector<CallBase *, 16> calls = siteCalls(function, libraries);
	SmallVector<Instruction *, 8> loop_points;
	{
		DominatorTree dominators(function);
		LoopInfo loops(dominators);
		loop_points = loopPointPositions(loops, calls);
	}
	// main always has one: every program has a point where it can move.
	if (EntryPoints &&
	    (LeafEntryPoints || !calls.empty() || function.getName() == "__xmig_main"))
		insertMigrationPoint(*entryPointPosition(function), PointKind::Entry);
	for (Instruction *position : loop_points)
		insertMigrationPoint(*position, PointKind::Loop);
}

static SmallVector<CallBase *, 16> siteCalls(Function &function, const TargetLibraryInfo &libraries)
{
	SmallVector<CallBase *, 16> calls;
	for (Instruction &instruction : instructions(function)) {
		// C has no invokes; an invoke ends its block, and a resumed frame
		// could not be re-entered at it.
		auto *call = dyn_cast<CallInst>(&instruction);
		if (call && !isa<IntrinsicInst>(call) && canBeSite(*call, libraries))
			calls.push_back(call);
	}
	return calls;
}

// Lifetime markers mean nothing for memory in the data stack, and LLVM
// expects them on allocas.
static void dropLifetimeMarkers(ArrayRef<AllocaInst *> resident)
{
	for (AllocaInst *alloca : resident) {
		SmallVector<IntrinsicInst *, 4> markers;
		for (User *user : alloca->users())
			if (auto *intrinsic = dyn_cast<IntrinsicInst>(user);
			    intrinsic && intrinsic->isLifetimeStartOrEnd())
				markers.push_back(intrinsic);
		for (IntrinsicInst *marker : markers)
			marker->eraseFromParent();
	}
}

static void instrumentFunction(Function &function, const TargetLibraryInfo &libraries,
                               bool wants_points)
{
	uint8_t unsafe_flags = diagnoseFunction(function);
	if (wants_points) {
		insertPoints(function, libraries);
		// After the loop points are placed: a wait's own loop needs none.
		insertWaitPoints(function);
	}

	SmallVector<CallBase *, 16> calls = siteCalls(function, libraries);
	if (calls.empty())
		return;
	// A setjmp call interrupts the frame as a site does: a longjmp returns
	// to it with what the frame held then, which a resumed frame restores
	// from any site's record (so every site records it) and which must
	// not be an SSA value of the path the frame took (it may not take one).
	ArmingSlots arming = addArmingSlots(function);
	SmallVector<CallBase *, 16> interrupting(calls);
	interrupting.append(arming.calls.begin(), arming.calls.end());
	demoteValuesLiveAcross(function, interrupting);
	FrameVariables variables(function, interrupting);
	if (printingFrames()) {
		errs() << "xmig: resident in " << function.getName() << ":";
		for (AllocaInst *alloca : variables.residentMemory())
			errs() << " " << *alloca->getAllocatedType();
		errs() << "\nxmig: state of " << function.getName() << ":";
		for (AllocaInst *alloca : variables.stateVariables())
			errs() << " " << alloca->getName() << ":" << *alloca->getAllocatedType();
		errs() << "\n";
	}
	dropLifetimeMarkers(variables.residentMemory());
	DataStackFrame frame = buildDataStackFrame(function, variables.residentMemory());

	const DataLayout &layout = function.getParent()->getDataLayout();
	SmallVector<SourceSite, 16> sites;
	bool warned = false;
	for (unsigned ordinal = 0; ordinal < calls.size(); ordinal++) {
		CallBase *call = calls[ordinal];
		SourceSite site{call,
		                isMigrationPointCall(*call),
		                siteId(function, ordinal, *call),
		                unsafe_flags,
		                to_vector(variables.liveAfter(ordinal)),
		                {},
		                true};
		for (size_t k = 0; k < arming.calls.size(); k++)
			site.state.append(variables.liveAfter(calls.size() + k).begin(),
			                  variables.liveAfter(calls.size() + k).end());
		llvm::sort(site.state);
		site.state.erase(std::unique(site.state.begin(), site.state.end()),
		                 site.state.end());
		if (site.point)
			site.flags |= XMIG_SITE_MIGRATION_POINT;
		Type *per_isa_local = variables.perIsaLiveAfter(ordinal);
		for (size_t k = 0; k < arming.calls.size() && !per_isa_local; k++)
			per_isa_local = variables.perIsaLiveAfter(calls.size() + k);
		if (Type *local = per_isa_local) {
			site.flags |= XMIG_SITE_PER_ISA_LOCAL;
			if (!warned)
				warnPerIsaLocal(function, *local, call->getDebugLoc());
			warned = true;
		}
		for (unsigned index : site.state) {
			Type *type = variables.stateVariables()[index]->getAllocatedType();
			if (std::optional<uint32_t> tag = typeTag(type, layout))
				site.type_tags.push_back(*tag);
			else
				site.flags |= XMIG_SITE_UNSUPPORTED_VALUE;
		}
		site.resumable = !(site.flags & XMIG_SITE_UNSAFE);
		sites.push_back(site);
	}
	uint64_t signature = frameSignature(function, frame.layout.description, sites);
	for (SourceSite &site : sites)
		attachRecord(site, variables.stateVariables(), signature, frame.top_at_calls);
	addResumePaths(function, sites, variables.stateVariables(), frame.body_start, signature,
	               arming);
}

PreservedAnalyses SourceSitesPass::run(Module &module, ModuleAnalysisManager &analyses)
{
	auto &functions =
	        analyses.getResult<FunctionAnalysisManagerModuleProxy>(module).getManager();
	StringSet<> without_points = functionsWithoutPoints(module);
	diagnoseModule(module);
	passByValueAsPointers(module);
	SmallVector<Function *, 32> defined;
	for (Function &function : module)
		if (!function.isDeclaration())
			defined.push_back(&function);
	for (Function *function : defined) {
		const TargetLibraryInfo &libraries =
		        functions.getResult<TargetLibraryAnalysis>(*function);
		instrumentFunction(*function, libraries,
		                   !without_points.contains(function->getName()));
		functions.invalidate(*function, PreservedAnalyses::none());
	}
	return PreservedAnalyses::none();
}

PreservedAnalyses DropInlinedPointsPass::run(Function &function, FunctionAnalysisManager &)
{
	dropInlinedEntryPoints(function);
	return PreservedAnalyses::none();
}

} // namespace xmig
