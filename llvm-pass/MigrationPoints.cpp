#include "MigrationPoints.h"

#include "Options.h"
#include "RuntimeSymbols.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace xmig
{

static constexpr const char *PendingFlag = "__xmig_pending";
static constexpr const char *PointFunction = "__xmig_point";
static constexpr const char *NoPointsAnnotation = "xmig-no-points";

SmallVector<Instruction *, 8> loopPointPositions(LoopInfo &loops)
{
	SmallVector<Instruction *, 8> positions;
	if (LoopPoints == LoopPointPolicy::None)
		return positions;
	for (Loop *loop : loops.getLoopsInPreorder())
		if (LoopPoints == LoopPointPolicy::All || loop->isInnermost())
			positions.push_back(&*loop->getHeader()->getFirstInsertionPt());
	return positions;
}

void insertMigrationPoint(Instruction &before)
{
	Module &module = *before.getModule();
	LLVMContext &context = module.getContext();
	Type *int32_type = Type::getInt32Ty(context);
	GlobalVariable *pending = runtimeGlobal(module, PendingFlag, int32_type);
	FunctionCallee point = module.getOrInsertFunction(
	        PointFunction, FunctionType::get(Type::getVoidTy(context), false));

	// Volatile: the flag is set by a signal handler, and the load must stay
	// where the point is even in loops with no other memory effects.
	IRBuilder<> builder(&before);
	Value *flag = builder.CreateLoad(int32_type, pending, /*isVolatile=*/true, "xmig.pending");
	Value *requested = builder.CreateICmpNE(flag, builder.getInt32(0));
	Instruction *slow_path =
	        SplitBlockAndInsertIfThen(requested, &before, /*Unreachable=*/false,
	                                  MDBuilder(context).createUnlikelyBranchWeights());
	builder.SetInsertPoint(slow_path);
	CallInst *call = builder.CreateCall(point);
	call->setTailCallKind(CallInst::TCK_NoTail);
}

bool isMigrationPointCall(const Instruction &instruction)
{
	const auto *call = dyn_cast<CallBase>(&instruction);
	const Function *callee = call ? call->getCalledFunction() : nullptr;
	return callee && callee->getName() == PointFunction;
}

StringSet<> functionsWithoutPoints(const Module &module)
{
	StringSet<> names;
	for (const std::string &name : NoPointFunctions)
		names.insert(name);

	// llvm.global.annotations: { ptr function, ptr annotation, ptr file, i32 line, ptr args }
	const GlobalVariable *annotations = module.getNamedGlobal("llvm.global.annotations");
	if (!annotations || !annotations->hasInitializer())
		return names;
	const auto *entries = dyn_cast<ConstantArray>(annotations->getInitializer());
	if (!entries)
		return names;
	for (const Use &entry : entries->operands()) {
		const auto *fields = dyn_cast<ConstantStruct>(entry.get());
		if (!fields || fields->getNumOperands() < 2)
			continue;
		const auto *function =
		        dyn_cast<Function>(fields->getOperand(0)->stripPointerCasts());
		const auto *text =
		        dyn_cast<GlobalVariable>(fields->getOperand(1)->stripPointerCasts());
		if (!function || !text || !text->hasInitializer())
			continue;
		const auto *string = dyn_cast<ConstantDataSequential>(text->getInitializer());
		if (string && string->isCString() && string->getAsCString() == NoPointsAnnotation)
			names.insert(function->getName());
	}
	return names;
}

} // namespace xmig
