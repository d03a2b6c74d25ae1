#include "DataStack.h"

#include "Naming.h"
#include "RuntimeSymbols.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"

#include <string>

using namespace llvm;

namespace xmig
{

static constexpr const char *DataStackPointer = "__xmig_data_stack_pointer";

// The runtime keeps the data-stack pointer aligned to this; frames needing
// more align their base dynamically.
static constexpr uint64_t DataStackAlignment = 16;

// clang gives local arrays of 16 bytes or more 16-byte alignment on x86_64
// and their natural alignment on aarch64; a slot that large gets at least 16
// on both, so that the two ISAs lay out the same frame.
static Align slotAlignment(uint64_t size, Align requested)
{
	return size >= 16 ? std::max(requested, Align(16)) : requested;
}

namespace
{

struct Slot {
	uint64_t offset;
	uint64_t size;
	Align alignment;
};

struct FrameLayout {
	SmallVector<AllocaInst *, 8> static_allocas;
	SmallVector<Argument *, 2> byval_arguments;
	SmallVector<Slot, 8> slots; // static allocas first, then byval arguments
	uint64_t size = 0;
	Align alignment = Align(DataStackAlignment);
};

class FrameBuilder
{
      public:
	explicit FrameBuilder(Function &function)
	    : function_(function), module_(*function.getParent()),
	      layout_data_(module_.getDataLayout()), context_(function.getContext()),
	      pointer_type_(PointerType::getUnqual(context_)),
	      int64_type_(Type::getInt64Ty(context_)),
	      stack_pointer_(runtimeGlobal(module_, DataStackPointer, pointer_type_))
	{
	}

	DataStackFrame build();

      private:
	FrameLayout layOut();
	static uint64_t signatureOf(const FrameLayout &layout);
	Value *alignUp(IRBuilder<> &builder, Value *pointer, Align alignment);
	void replaceDynamicAlloca(AllocaInst &alloca);
	void replaceStackSaveRestore(IntrinsicInst &intrinsic);

	Function &function_;
	Module &module_;
	const DataLayout &layout_data_;
	LLVMContext &context_;
	PointerType *pointer_type_;
	IntegerType *int64_type_;
	Constant *stack_pointer_;
};

} // namespace

FrameLayout FrameBuilder::layOut()
{
	FrameLayout layout;
	auto place = [&layout](uint64_t size, Align alignment) {
		uint64_t offset = alignTo(layout.size, alignment);
		layout.slots.push_back({offset, size, alignment});
		layout.size = offset + size;
		layout.alignment = std::max(layout.alignment, alignment);
	};

	for (Instruction &instruction : function_.getEntryBlock()) {
		auto *alloca = dyn_cast<AllocaInst>(&instruction);
		if (!alloca || !alloca->isStaticAlloca())
			continue;
		std::optional<TypeSize> size = alloca->getAllocationSize(layout_data_);
		if (!size || size->isScalable())
			continue;
		layout.static_allocas.push_back(alloca);
		place(size->getFixedValue(),
		      slotAlignment(size->getFixedValue(), alloca->getAlign()));
	}
	for (Argument &argument : function_.args()) {
		if (!argument.hasByValAttr())
			continue;
		Type *type = argument.getParamByValType();
		Align alignment =
		        argument.getParamAlign().value_or(layout_data_.getABITypeAlign(type));
		layout.byval_arguments.push_back(&argument);
		uint64_t size = layout_data_.getTypeAllocSize(type);
		place(size, slotAlignment(size, alignment));
	}
	layout.size = alignTo(layout.size, Align(DataStackAlignment));
	return layout;
}

uint64_t FrameBuilder::signatureOf(const FrameLayout &layout)
{
	std::string description =
	        std::to_string(layout.size) + "/" + std::to_string(layout.alignment.value());
	for (const Slot &slot : layout.slots)
		description += ";" + std::to_string(slot.offset) + "," + std::to_string(slot.size) +
		               "," + std::to_string(slot.alignment.value());
	return stableHash(description);
}

Value *FrameBuilder::alignUp(IRBuilder<> &builder, Value *pointer, Align alignment)
{
	if (alignment.value() <= DataStackAlignment)
		return pointer;
	Value *past =
	        builder.CreateConstGEP1_64(builder.getInt8Ty(), pointer, alignment.value() - 1);
	return builder.CreateIntrinsic(Intrinsic::ptrmask, {pointer_type_, int64_type_},
	                               {past, builder.getInt64(~(alignment.value() - 1))});
}

// A variable-sized alloca takes its memory from the top of the data stack at
// the point where it runs; stackrestore (or the function's exit) gives it back.
void FrameBuilder::replaceDynamicAlloca(AllocaInst &alloca)
{
	IRBuilder<> builder(&alloca);
	Align alignment = std::max(alloca.getAlign(), Align(DataStackAlignment));
	Value *top = builder.CreateLoad(pointer_type_, stack_pointer_, "xmig.ds.top");
	Value *base = alignUp(builder, top, alignment);

	uint64_t element_size = layout_data_.getTypeAllocSize(alloca.getAllocatedType());
	Value *count = builder.CreateZExtOrTrunc(alloca.getArraySize(), int64_type_);
	Value *bytes = builder.CreateMul(count, builder.getInt64(element_size));
	Value *rounded = builder.CreateAnd(
	        builder.CreateAdd(bytes, builder.getInt64(DataStackAlignment - 1)),
	        builder.getInt64(~(DataStackAlignment - 1)));
	Value *new_top = builder.CreateGEP(builder.getInt8Ty(), base, rounded);
	builder.CreateStore(new_top, stack_pointer_);

	base->takeName(&alloca);
	alloca.replaceAllUsesWith(base);
	alloca.eraseFromParent();
}

void FrameBuilder::replaceStackSaveRestore(IntrinsicInst &intrinsic)
{
	IRBuilder<> builder(&intrinsic);
	if (intrinsic.getIntrinsicID() == Intrinsic::stacksave) {
		Value *top = builder.CreateLoad(pointer_type_, stack_pointer_, "xmig.ds.saved");
		intrinsic.replaceAllUsesWith(top);
	} else {
		builder.CreateStore(intrinsic.getArgOperand(0), stack_pointer_);
	}
	intrinsic.eraseFromParent();
}

DataStackFrame FrameBuilder::build()
{
	FrameLayout layout = layOut();

	SmallVector<AllocaInst *, 4> dynamic_allocas;
	SmallVector<IntrinsicInst *, 4> stack_save_restores;
	SmallVector<ReturnInst *, 4> returns;
	for (BasicBlock &block : function_)
		for (Instruction &instruction : block) {
			if (auto *alloca = dyn_cast<AllocaInst>(&instruction)) {
				if (!is_contained(layout.static_allocas, alloca))
					dynamic_allocas.push_back(alloca);
			} else if (auto *intrinsic = dyn_cast<IntrinsicInst>(&instruction)) {
				Intrinsic::ID id = intrinsic->getIntrinsicID();
				if (id == Intrinsic::stacksave || id == Intrinsic::stackrestore)
					stack_save_restores.push_back(intrinsic);
			} else if (auto *exit = dyn_cast<ReturnInst>(&instruction)) {
				returns.push_back(exit);
			}
		}

	BasicBlock &entry = function_.getEntryBlock();
	if (layout.static_allocas.empty() && layout.byval_arguments.empty() &&
	    dynamic_allocas.empty() && stack_save_restores.empty())
		return {&*entry.getFirstInsertionPt(), 0};

	// The prologue goes before the function's first instruction that stays;
	// the static allocas before it are about to be erased.
	Instruction *body_start = nullptr;
	for (Instruction &instruction : entry)
		if (!is_contained(layout.static_allocas, &instruction)) {
			body_start = &instruction;
			break;
		}
	IRBuilder<> builder(body_start);
	Value *saved = builder.CreateLoad(pointer_type_, stack_pointer_, "xmig.ds.caller");
	Value *base = alignUp(builder, saved, layout.alignment);
	if (layout.size != 0)
		builder.CreateStore(
		        builder.CreateConstGEP1_64(builder.getInt8Ty(), base, layout.size),
		        stack_pointer_);

	unsigned slot = 0;
	for (AllocaInst *alloca : layout.static_allocas) {
		Value *address = builder.CreateConstGEP1_64(builder.getInt8Ty(), base,
		                                            layout.slots[slot++].offset);
		address->takeName(alloca);
		alloca->replaceAllUsesWith(address);
		alloca->eraseFromParent();
	}
	for (Argument *argument : layout.byval_arguments) {
		const Slot &place = layout.slots[slot++];
		Value *copy = builder.CreateConstGEP1_64(builder.getInt8Ty(), base, place.offset,
		                                         argument->getName() + ".xmig.ds");
		argument->replaceAllUsesWith(copy);
		builder.CreateMemCpy(copy, place.alignment, argument, place.alignment, place.size);
	}

	for (AllocaInst *alloca : dynamic_allocas)
		replaceDynamicAlloca(*alloca);
	for (IntrinsicInst *intrinsic : stack_save_restores)
		replaceStackSaveRestore(*intrinsic);
	for (ReturnInst *exit : returns)
		new StoreInst(saved, stack_pointer_, exit);

	return {body_start, signatureOf(layout)};
}

DataStackFrame moveAllocasToDataStack(Function &function)
{
	return FrameBuilder(function).build();
}

} // namespace xmig
