#include "Resume.h"

#include "RuntimeSymbols.h"
#include "xmig/resume_frame.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

#include <algorithm>
#include <cstddef>

using namespace llvm;

namespace xmig
{

static constexpr const char *ResumingFlag = "__xmig_resuming";
static constexpr const char *ResumeFrame = "__xmig_resume_frame";
static constexpr const char *ResumeMismatch = "__xmig_resume_mismatch";
static constexpr const char *ResumeArgument = "__xmig_resume_argument";

// Runtime calls on the resume path are plain calls, never sites.
static void markLeaf(CallInst *call)
{
	call->addFnAttr(Attribute::get(call->getContext(), "gc-leaf-function"));
}

// The value an argument gets when the call runs again: nothing the callee
// looks at, since it resumes from its own record, but a value its parameter's
// attributes allow (passing poison, or null to a nonnull parameter, would let
// the backend drop the whole path as unreachable). Pointers point at a
// runtime-owned area, which also serves byval copies that fit in it.
static Value *resumeArgument(CallBase &call, unsigned index, Constant *dummy_area,
                             Function &function)
{
	Value *argument = call.getArgOperand(index);
	Type *byval = call.getParamByValType(index);
	const DataLayout &layout = function.getParent()->getDataLayout();
	// What the call site says, and what a directly called function's own
	// declaration says about the parameter.
	uint64_t needed = byval ? layout.getTypeAllocSize(byval).getFixedValue()
	                        : call.getParamDereferenceableBytes(index);
	MaybeAlign alignment = call.getParamAlign(index);
	if (Function *callee = call.getCalledFunction(); callee && index < callee->arg_size()) {
		needed = std::max(needed, callee->getParamDereferenceableBytes(index));
		if (MaybeAlign own = callee->getParamAlign(index);
		    own && (!alignment || *own > *alignment))
			alignment = own;
	}
	if (needed > XMIG_RESUME_ARGUMENT_SIZE ||
	    (alignment && alignment->value() > XMIG_RESUME_ARGUMENT_ALIGNMENT)) {
		BasicBlock &entry = function.getEntryBlock();
		Type *space = ArrayType::get(Type::getInt8Ty(function.getContext()), needed);
		return new AllocaInst(space, layout.getAllocaAddrSpace(), nullptr,
		                      alignment.valueOrOne(), "xmig.resume.argument",
		                      &*entry.getFirstInsertionPt());
	}
	if (argument->getType()->isPointerTy())
		return dummy_area;
	return Constant::getNullValue(argument->getType());
}

void addResumePaths(Function &function, ArrayRef<ResumableSite> sites)
{
	if (sites.empty())
		return;
	Module &module = *function.getParent();
	LLVMContext &context = function.getContext();
	Type *int8_type = Type::getInt8Ty(context);
	Type *int32_type = Type::getInt32Ty(context);
	Type *int64_type = Type::getInt64Ty(context);
	PointerType *pointer_type = PointerType::getUnqual(context);
	Constant *resuming = runtimeGlobal(module, ResumingFlag, int32_type);
	Constant *dummy_area = runtimeGlobal(module, ResumeArgument,
	                                     ArrayType::get(int8_type, XMIG_RESUME_ARGUMENT_SIZE));
	FunctionCallee frame_function =
	        module.getOrInsertFunction(ResumeFrame, FunctionType::get(pointer_type, false));
	FunctionCallee mismatch_function = module.getOrInsertFunction(
	        ResumeMismatch, FunctionType::get(Type::getVoidTy(context), {int64_type}, false));

	// The check goes after the entry block's allocas (the slots among them),
	// before anything else: a resumed frame must not run the data-stack
	// prologue again, whose byval copies would overwrite the frame.
	BasicBlock &entry = function.getEntryBlock();
	Instruction *first = &*entry.getFirstInsertionPt();
	while (isa<AllocaInst>(first))
		first = first->getNextNode();
	BasicBlock *body = entry.splitBasicBlock(first, "xmig.body");
	entry.getTerminator()->eraseFromParent();
	BasicBlock *dispatch = BasicBlock::Create(context, "xmig.resume", &function);
	BasicBlock *mismatch = BasicBlock::Create(context, "xmig.resume.mismatch", &function);
	IRBuilder<> builder(&entry);
	Value *flag = builder.CreateLoad(int32_type, resuming, "xmig.resuming");
	builder.CreateCondBr(builder.CreateICmpNE(flag, builder.getInt32(0)), dispatch, body,
	                     MDBuilder(context).createBranchWeights(1, 1 << 20));

	builder.SetInsertPoint(dispatch);
	CallInst *frame = builder.CreateCall(frame_function, {}, "xmig.frame");
	markLeaf(frame);
	Value *id = builder.CreateLoad(int64_type, frame, "xmig.frame.site");
	SwitchInst *choose = builder.CreateSwitch(id, mismatch, sites.size());

	builder.SetInsertPoint(mismatch);
	CallInst *refuse = builder.CreateCall(mismatch_function, {id});
	refuse->setDoesNotReturn();
	markLeaf(refuse);
	builder.CreateUnreachable();

	DenseSet<uint64_t> seen;
	for (const ResumableSite &site : sites) {
		// Two sites with one ID cannot be told apart; neither pairs.
		if (!seen.insert(site.id).second)
			continue;
		BasicBlock *path = BasicBlock::Create(context, "xmig.resume.site", &function);
		choose->addCase(ConstantInt::get(cast<IntegerType>(int64_type), site.id), path);
		builder.SetInsertPoint(path);
		for (size_t i = 0; i < site.slots.size(); i++) {
			AllocaInst *slot = site.slots[i];
			Value *address = builder.CreateConstGEP1_64(
			        int8_type, frame,
			        XMIG_RESUME_VALUE_OFFSET + XMIG_RESUME_VALUE_STRIDE * (uint64_t)i);
			builder.CreateStore(builder.CreateLoad(slot->getAllocatedType(), address),
			                    slot);
		}
		if (site.migration_point) {
			builder.CreateBr(site.after_block);
			continue;
		}

		// The call runs again: its operands come from whichever way the
		// call block was entered.
		CallBase &call = *site.call;
		BasicBlock *normal = site.call_block->getSinglePredecessor();
		Value *callee = call.getCalledOperand();
		if (!isa<Constant>(callee)) {
			Value *resumed_callee = builder.CreateLoad(
			        pointer_type,
			        builder.CreateConstGEP1_64(
			                int8_type, frame,
			                offsetof(struct xmig_resume_frame, callee)),
			        "xmig.frame.callee");
			PHINode *phi = PHINode::Create(callee->getType(), 2, "xmig.callee",
			                               &*site.call_block->begin());
			phi->addIncoming(callee, normal);
			phi->addIncoming(resumed_callee, path);
			call.setCalledOperand(phi);
		}
		for (unsigned i = 0; i < call.arg_size(); i++) {
			Value *argument = call.getArgOperand(i);
			if (isa<Constant>(argument))
				continue;
			Value *resumed = resumeArgument(call, i, dummy_area, function);
			PHINode *phi = PHINode::Create(argument->getType(), 2, "xmig.argument",
			                               &*site.call_block->begin());
			phi->addIncoming(argument, normal);
			phi->addIncoming(resumed, path);
			call.setArgOperand(i, phi);
		}
		builder.CreateBr(site.call_block);
	}
}

} // namespace xmig
