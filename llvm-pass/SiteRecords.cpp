#include "SiteRecords.h"

#include "DataStackFrame.h"
#include "Naming.h"
#include "xmig/site_record.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace xmig
{

std::optional<uint32_t> typeTag(Type *type, const DataLayout &layout)
{
	unsigned lanes = 1;
	if (auto *vector = dyn_cast<FixedVectorType>(type)) {
		lanes = vector->getNumElements();
		type = vector->getElementType();
	}
	if (lanes > 0xff)
		return std::nullopt;
	uint32_t tag;
	if (type->isIntegerTy() && type->getIntegerBitWidth() <= 0xffff)
		tag = XMIG_TYPE_TAG(XMIG_TYPE_INTEGER, lanes, type->getIntegerBitWidth());
	else if (type->isHalfTy() || type->isFloatTy() || type->isDoubleTy())
		tag = XMIG_TYPE_TAG(XMIG_TYPE_FLOAT, lanes, type->getPrimitiveSizeInBits());
	else if (type->isPointerTy())
		tag = XMIG_TYPE_TAG(XMIG_TYPE_POINTER, lanes, layout.getPointerSizeInBits());
	else
		return std::nullopt;
	if (lanes * uint64_t(XMIG_TYPE_TAG_LANE_BITS(tag)) > 8 * XMIG_TYPE_BYTES_MAX)
		return std::nullopt;
	return tag;
}

uint64_t siteId(const Function &function, unsigned ordinal, const CallBase &call)
{
	const Function *callee = call.getCalledFunction();
	uint64_t callee_hash = callee ? stableHash(qualifiedName(*callee)) : 0;
	return stableHash(qualifiedName(function), ordinal, callee_hash);
}

static cl::opt<bool> PrintFrames("xmig-print-frames", cl::init(false),
                                 cl::desc("Print each function's data-stack frame and sites, "
                                          "which its frame signature hashes"));

bool printingFrames()
{
	return PrintFrames;
}

uint64_t frameSignature(const Function &function, const std::string &layout_description,
                        ArrayRef<SourceSite> sites)
{
	std::string description = layout_description;
	for (const SourceSite &site : sites) {
		description += "|" + utohexstr(site.id) + ":" + utostr(site.flags);
		for (uint32_t tag : site.type_tags)
			description += "," + utohexstr(tag);
	}
	if (PrintFrames)
		errs() << "xmig: frame of " << qualifiedName(function) << ": " << description
		       << "\n";
	// The layout's own hash on top, so that a reader can say which differs.
	return (stableHash(layout_description) & 0xffffffff00000000ull) |
	       (stableHash(description) & 0xffffffffull);
}

void attachRecord(SourceSite &site, ArrayRef<AllocaInst *> variables, uint64_t frame_signature,
                  Value *top)
{
	CallBase *call = site.call;
	LLVMContext &context = call->getContext();
	Type *int64 = Type::getInt64Ty(context);
	const DataLayout &layout = call->getModule()->getDataLayout();

	SmallVector<Value *, 36> operands = {nullptr, ConstantInt::get(int64, site.id),
	                                     ConstantInt::get(int64, frame_signature),
	                                     top ? top : dataStackTop(call)};
	unsigned count = 0;
	for (unsigned index : site.state) {
		AllocaInst *variable = variables[index];
		std::optional<uint32_t> tag = typeTag(variable->getAllocatedType(), layout);
		if (!tag)
			continue;
		operands.push_back(ConstantInt::get(int64, *tag));
		operands.push_back(new LoadInst(variable->getAllocatedType(), variable,
		                                variable->getName() + ".xmig.state", call));
		count++;
	}
	operands[0] = ConstantInt::get(int64, XMIG_SITE_HEADER(site.flags, count));

	CallBase *recorded = CallBase::addOperandBundle(call, LLVMContext::OB_deopt,
	                                                OperandBundleDef("deopt", operands), call);
	// A tail call on one ISA and not the other would change the stack's shape.
	if (auto *plain = dyn_cast<CallInst>(recorded))
		plain->setTailCallKind(CallInst::TCK_NoTail);
	recorded->copyMetadata(*call);
	recorded->takeName(call);
	call->replaceAllUsesWith(recorded);
	call->eraseFromParent();
	site.call = recorded;
}

} // namespace xmig
