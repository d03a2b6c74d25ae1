#include "EarlyInline.h"

#include "SiteRecords.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/Analysis/CallGraph.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

namespace xmig
{

static cl::opt<unsigned> InlineSize("xmig-inline-size", cl::init(40),
                                    cl::desc("Largest function (in xmig's own measure) inlined "
                                             "before sites are defined"));

// What the function does, counted the same on every target: the moves
// through memory and the conversions that each calling convention adds in its
// own way (loads and stores of locals, address arithmetic, casts, copies)
// are not counted.
static unsigned size(const Function &function)
{
	unsigned count = 0;
	for (const Instruction &instruction : instructions(function)) {
		if (isa<AllocaInst>(instruction) || isa<LoadInst>(instruction) ||
		    isa<StoreInst>(instruction) || isa<GetElementPtrInst>(instruction) ||
		    isa<CastInst>(instruction) || isa<ExtractValueInst>(instruction) ||
		    isa<InsertValueInst>(instruction) || isa<PHINode>(instruction))
			continue;
		if (const auto *branch = dyn_cast<BranchInst>(&instruction);
		    branch && branch->isUnconditional())
			continue;
		if (isa<IntrinsicInst>(instruction))
			continue;
		// A call costs its arguments' set-up and the call itself.
		count += isa<CallBase>(instruction) ? 4 : 1;
	}
	return count;
}

static bool mayInline(const CallBase &call, const Function &caller)
{
	const Function *callee = call.getCalledFunction();
	if (!callee || callee->isDeclaration() || callee == &caller || callee->isVarArg() ||
	    callee->hasFnAttribute(Attribute::NoInline) ||
	    callee->hasFnAttribute(Attribute::OptimizeNone) || call.isNoInline() ||
	    callee->hasFnAttribute(Attribute::ReturnsTwice) ||
	    callee->getFunctionType() != call.getFunctionType() || isa<InvokeInst>(call))
		return false;
	// Functions that call setjmp or take their frame apart keep their frame.
	for (const Instruction &instruction : instructions(*callee))
		if (const auto *inner = dyn_cast<CallBase>(&instruction);
		    inner && (inner->hasFnAttr(Attribute::ReturnsTwice) || inner->isInlineAsm() ||
		              isa<IndirectBrInst>(instruction)))
			return false;
	if (callee->hasFnAttribute(Attribute::AlwaysInline))
		return true;
	unsigned limit = InlineSize;
	if (callee->hasFnAttribute(Attribute::InlineHint))
		limit *= 2;
	return size(*callee) <= limit;
}

PreservedAnalyses EarlyInlinePass::run(Module &module, ModuleAnalysisManager &)
{
	// Callees first: a helper has its own small callees inlined before
	// its size decides whether it is inlined itself.
	SmallVector<Function *, 32> order;
	{
		CallGraph graph(module);
		for (scc_iterator<CallGraph *> scc = scc_begin(&graph); !scc.isAtEnd(); ++scc) {
			if (scc.hasCycle())
				continue;
			for (CallGraphNode *node : *scc)
				if (Function *function = node->getFunction();
				    function && !function->isDeclaration())
					order.push_back(function);
		}
	}
	bool changed = false;
	for (Function *function : order) {
		SmallVector<CallBase *, 8> calls;
		for (Instruction &instruction : instructions(*function))
			if (auto *call = dyn_cast<CallBase>(&instruction);
			    call && mayInline(*call, *function))
				calls.push_back(call);
		for (CallBase *call : calls) {
			if (printingFrames())
				errs() << "xmig: inlining " << call->getCalledFunction()->getName()
				       << " (size " << size(*call->getCalledFunction()) << ") into "
				       << function->getName() << "\n";
			InlineFunctionInfo info;
			changed |= InlineFunction(*call, info).isSuccess();
		}
	}
	return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace xmig
