#include "WaitPoints.h"

#include "MigrationPoints.h"
#include "RuntimeSymbols.h"
#include "xmig/waits.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace xmig
{

struct WaitCall {
	StringRef symbol; // what the call names
	StringRef name;   // the wrapper's suffix
	unsigned parameters;
};

static constexpr WaitCall Waits[] = {
#define XMIG_WAIT_ENTRY(symbol, name, parameters) {#symbol, #name, parameters},
        XMIG_WAITS(XMIG_WAIT_ENTRY)
#undef XMIG_WAIT_ENTRY
};

// A call of the C library's function itself: a declaration (a program may
// define its own `read`), called directly, with the library's arity.
static const WaitCall *waitCalled(const CallInst &call)
{
	const Function *callee = call.getCalledFunction();
	if (!callee || !callee->isDeclaration() || callee->isIntrinsic() ||
	    call.getFunctionType() != callee->getFunctionType() ||
	    callee->getFunctionType()->isVarArg())
		return nullptr;
	for (const WaitCall &wait : Waits)
		if (callee->getName() == wait.symbol && call.arg_size() == wait.parameters)
			return &wait;
	return nullptr;
}

// again:  r = __xmig_wait_NAME(args...)
//         if (__xmig_wait_interrupted) { __xmig_point(); goto again; }
static void makeWaitPoint(CallInst &call, const WaitCall &wait)
{
	Module &module = *call.getModule();
	LLVMContext &context = module.getContext();
	Function &callee = *call.getCalledFunction();
	FunctionCallee wrapper =
	        module.getOrInsertFunction((Twine(XMIG_WAIT_PREFIX) + wait.name).str(),
	                                   call.getFunctionType(), callee.getAttributes());
	call.setCalledFunction(wrapper);
	// The wrapper re-reads the runtime's state; nothing about it may be
	// assumed from the library function's attributes.
	call.setTailCallKind(CallInst::TCK_NoTail);

	BasicBlock *again = call.getParent()->splitBasicBlock(&call, "xmig.wait");
	Instruction *after = call.getNextNode();
	Type *int32_type = Type::getInt32Ty(context);
	GlobalVariable *interrupted = runtimeGlobal(module, XMIG_WAIT_INTERRUPTED, int32_type);
	IRBuilder<> builder(after);
	// Volatile: the wrapper sets it, and the load must stay after each call.
	Value *flag = builder.CreateLoad(int32_type, interrupted, /*isVolatile=*/true,
	                                 "xmig.wait.interrupted");
	Value *taken = builder.CreateICmpNE(flag, builder.getInt32(0));
	Instruction *slow_path =
	        SplitBlockAndInsertIfThen(taken, after, /*Unreachable=*/false,
	                                  MDBuilder(context).createUnlikelyBranchWeights());
	insertPointCall(*slow_path, PointKind::Wait);
	BranchInst::Create(again, slow_path->getIterator());
	slow_path->eraseFromParent();
}

void insertWaitPoints(Function &function)
{
	SmallVector<std::pair<CallInst *, const WaitCall *>, 8> waits;
	for (Instruction &instruction : instructions(function))
		if (auto *call = dyn_cast<CallInst>(&instruction))
			if (const WaitCall *wait = waitCalled(*call))
				waits.push_back({call, wait});
	for (const auto &[call, called] : waits)
		makeWaitPoint(*call, *called);
}

bool isWaitWrapperCall(const CallBase &call)
{
	const Function *callee = call.getCalledFunction();
	return callee && callee->getName().starts_with(XMIG_WAIT_PREFIX);
}

} // namespace xmig
