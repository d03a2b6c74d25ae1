#include "MigrationPoints.h"

#include "Options.h"
#include "RuntimeSymbols.h"
#include "xmig/site_record.h"
#include "xmig/waits.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace xmig
{

static constexpr const char *PendingFlag = "__xmig_pending";
static constexpr const char *PointFunction = "__xmig_point";
static constexpr const char *NoPointsAnnotation = "xmig-no-points";
// A call attribute, which the inliner keeps on the copies it makes (it drops
// metadata when it merges deopt bundles).
static constexpr const char *PointKindAttribute = "xmig-point";

// clang's prologue: the allocas, then each argument stored into its variable,
// through temporaries where the calling convention split it into pieces (a
// run of constant address arithmetic, stores of arguments and copies).
static bool isPrologue(const Instruction &instruction);

// Address arithmetic for a piece of an argument, used only by the prologue.
static bool isPrologueAddress(const GetElementPtrInst &address)
{
	if (!address.hasAllConstantIndices())
		return false;
	for (const User *user : address.users())
		if (!isa<Instruction>(user) || !isPrologue(*cast<Instruction>(user)))
			return false;
	return true;
}

// An argument, or a piece of one converted for its store (trunc,
// extractvalue ...).
static bool isArgumentDerived(const Value *value)
{
	while (isa<CastInst>(value) || isa<ExtractValueInst>(value))
		value = cast<Instruction>(value)->getOperand(0);
	return isa<Argument>(value);
}

// Such a piece, used only to be stored (directly or converted further).
static bool isArgumentPiece(const Instruction &instruction)
{
	if (!isArgumentDerived(&instruction))
		return false;
	for (const User *user : instruction.users()) {
		if (const auto *store = dyn_cast<StoreInst>(user);
		    store && store->getValueOperand() == &instruction)
			continue;
		if ((isa<CastInst>(user) || isa<ExtractValueInst>(user)) &&
		    isArgumentPiece(*cast<Instruction>(user)))
			continue;
		return false;
	}
	return true;
}

static bool isPrologue(const Instruction &instruction)
{
	if (isa<AllocaInst>(instruction))
		return true;
	if (const auto *address = dyn_cast<GetElementPtrInst>(&instruction))
		return isPrologueAddress(*address);
	if (const auto *store = dyn_cast<StoreInst>(&instruction))
		return isArgumentDerived(store->getValueOperand());
	if (isa<CastInst>(instruction) || isa<ExtractValueInst>(instruction))
		return isArgumentPiece(instruction);
	if (const auto *intrinsic = dyn_cast<IntrinsicInst>(&instruction))
		return isa<MemCpyInst>(intrinsic) || intrinsic->isLifetimeStartOrEnd() ||
		       isa<DbgInfoIntrinsic>(intrinsic);
	return false;
}

Instruction *entryPointPosition(Function &function)
{
	for (Instruction &instruction : function.getEntryBlock())
		if (!isPrologue(instruction))
			return &instruction;
	return function.getEntryBlock().getTerminator();
}

static bool makesCall(const Loop &loop, ArrayRef<CallBase *> calls)
{
	for (CallBase *call : calls)
		if (loop.contains(call->getParent()))
			return true;
	return false;
}

SmallVector<Instruction *, 8> loopPointPositions(LoopInfo &loops, ArrayRef<CallBase *> calls)
{
	SmallVector<Instruction *, 8> positions;
	for (Loop *loop : loops.getLoopsInPreorder()) {
		bool wanted = false;
		switch (LoopPoints) {
		case LoopPointPolicy::None:
			break;
		case LoopPointPolicy::Calls:
			// The innermost loop around calls: its calls keep it from being
			// vectorized anyway, and its callees may have no points.
			wanted = makesCall(*loop, calls) &&
			         none_of(loop->getSubLoops(), [&](const Loop *inner) {
				         return makesCall(*inner, calls);
			         });
			break;
		case LoopPointPolicy::Bounded:
			// Every iteration of every loop reaches a point, but for the
			// innermost loops that make no call inside another loop: they
			// keep their vectorization, and each run of one is followed
			// by its parent's point.
			wanted = !(loop->isInnermost() && loop->getParentLoop() &&
			           !makesCall(*loop, calls));
			break;
		case LoopPointPolicy::Innermost:
			wanted = loop->isInnermost();
			break;
		case LoopPointPolicy::All:
			wanted = true;
			break;
		}
		if (wanted)
			positions.push_back(&*loop->getHeader()->getFirstInsertionPt());
	}
	return positions;
}

static StringRef pointKindName(PointKind kind)
{
	switch (kind) {
	case PointKind::Entry:
		return "entry";
	case PointKind::Loop:
		return "loop";
	case PointKind::Wait:
		return XMIG_WAIT_POINT_KIND;
	}
	return "loop";
}

void insertPointCall(Instruction &before, PointKind kind)
{
	Module &module = *before.getModule();
	LLVMContext &context = module.getContext();
	FunctionCallee point = module.getOrInsertFunction(
	        PointFunction, FunctionType::get(Type::getVoidTy(context), false));
	IRBuilder<> builder(&before);
	CallInst *call = builder.CreateCall(point);
	call->setTailCallKind(CallInst::TCK_NoTail);
	call->addFnAttr(Attribute::get(context, PointKindAttribute, pointKindName(kind)));
}

void insertMigrationPoint(Instruction &before, PointKind kind)
{
	Module &module = *before.getModule();
	LLVMContext &context = module.getContext();
	Type *int32_type = Type::getInt32Ty(context);
	GlobalVariable *pending = runtimeGlobal(module, PendingFlag, int32_type);

	// Volatile: the flag is set by the runtime's request listener, and the
	// load must stay where the point is even in loops with no other memory
	// effects.
	IRBuilder<> builder(&before);
	Value *flag = builder.CreateLoad(int32_type, pending, /*isVolatile=*/true, "xmig.pending");
	Value *requested = builder.CreateICmpNE(flag, builder.getInt32(0));
	Instruction *slow_path =
	        SplitBlockAndInsertIfThen(requested, &before, /*Unreachable=*/false,
	                                  MDBuilder(context).createUnlikelyBranchWeights());
	insertPointCall(*slow_path, kind);
}

static std::optional<PointKind> pointKind(const CallBase &call)
{
	Attribute kind = call.getFnAttr(PointKindAttribute);
	if (!kind.isStringAttribute())
		return std::nullopt;
	StringRef name = kind.getValueAsString();
	if (name == "entry")
		return PointKind::Entry;
	return name == XMIG_WAIT_POINT_KIND ? PointKind::Wait : PointKind::Loop;
}

// More than one source frame in the record: the inliner added the caller's.
static bool isInlined(const CallBase &call)
{
	std::optional<OperandBundleUse> deopt = call.getOperandBundle(LLVMContext::OB_deopt);
	if (!deopt || deopt->Inputs.empty())
		return false;
	const auto *header = dyn_cast<ConstantInt>(deopt->Inputs[0]);
	if (!header)
		return false;
	uint64_t own = XMIG_SITE_PREFIX_OPERANDS +
	               2 * uint64_t(XMIG_SITE_HEADER_COUNT(header->getZExtValue()));
	return deopt->Inputs.size() > own;
}

// The point's check: a conditional branch on a volatile load of the flag.
static void removeCheck(BasicBlock &slow_path)
{
	BasicBlock *check = slow_path.getSinglePredecessor();
	auto *branch = check ? dyn_cast<BranchInst>(check->getTerminator()) : nullptr;
	if (!branch || !branch->isConditional())
		return;
	BasicBlock *other = branch->getSuccessor(0) == &slow_path ? branch->getSuccessor(1)
	                                                          : branch->getSuccessor(0);
	auto *compare = dyn_cast<ICmpInst>(branch->getCondition());
	auto *flag = compare ? dyn_cast<LoadInst>(compare->getOperand(0)) : nullptr;
	slow_path.removePredecessor(check);
	BranchInst::Create(other, branch->getIterator());
	branch->eraseFromParent();
	if (compare && compare->use_empty()) {
		compare->eraseFromParent();
		if (flag && flag->use_empty())
			flag->eraseFromParent();
	}
}

void dropInlinedEntryPoints(Function &function)
{
	SmallVector<CallBase *, 8> dropped;
	for (BasicBlock &block : function)
		for (Instruction &instruction : block)
			if (auto *call = dyn_cast<CallBase>(&instruction);
			    call && isMigrationPointCall(*call) &&
			    pointKind(*call) == PointKind::Entry && isInlined(*call))
				dropped.push_back(call);
	for (CallBase *call : dropped) {
		BasicBlock *slow_path = call->getParent();
		call->eraseFromParent();
		removeCheck(*slow_path);
		if (pred_empty(slow_path))
			DeleteDeadBlock(slow_path);
	}
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
