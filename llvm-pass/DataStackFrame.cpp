#include "DataStackFrame.h"

#include "PortableTypes.h"
#include "RuntimeSymbols.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;

namespace xmig
{

static constexpr const char *DataStackPointer = "__xmig_data_stack_pointer";

// Markers: the frame's life as the optimizer sees it.
static constexpr const char *TopMarker = "xmig.ds.top";        // () -> ptr
static constexpr const char *EnterMarker = "xmig.ds.enter";    // (size, align) -> noalias ptr
static constexpr const char *PushMarker = "xmig.ds.push";      // (bytes, align) -> noalias ptr
static constexpr const char *LeaveMarker = "xmig.ds.leave";    // (base, caller's top)
static constexpr const char *SetTopMarker = "xmig.ds.set_top"; // (top)

// The runtime keeps the data-stack pointer aligned to this.
static constexpr uint64_t DataStackAlignment = 16;

// clang gives local arrays of 16 bytes or more 16-byte alignment on x86_64
// and their natural alignment on aarch64; a slot that large gets at least 16
// on both, so that the two ISAs lay out the same frame.
static Align slotAlignment(uint64_t size, Align requested)
{
	return size >= 16 ? std::max(requested, Align(16)) : requested;
}

static Function *marker(Module &module, StringRef name)
{
	if (Function *existing = module.getFunction(name))
		return existing;
	LLVMContext &context = module.getContext();
	Type *pointer = PointerType::getUnqual(context);
	Type *int64 = Type::getInt64Ty(context);
	Type *none = Type::getVoidTy(context);
	FunctionType *type;
	MemoryEffects effects = MemoryEffects::inaccessibleMemOnly();
	if (name == TopMarker) {
		type = FunctionType::get(pointer, false);
		effects = MemoryEffects::inaccessibleMemOnly(ModRefInfo::Ref);
	} else if (name == EnterMarker || name == PushMarker) {
		type = FunctionType::get(pointer, {int64, int64}, false);
	} else if (name == LeaveMarker) {
		// The frame's memory is the argument: nothing that accesses it
		// moves past the frame's end.
		type = FunctionType::get(none, {pointer, pointer}, false);
		effects = MemoryEffects::inaccessibleOrArgMemOnly();
	} else {
		// Releases whatever was pushed since `top`, which no argument
		// names.
		type = FunctionType::get(none, {pointer}, false);
		effects = MemoryEffects::unknown();
	}
	Function *function = Function::Create(type, GlobalValue::ExternalLinkage, name, module);
	function->setMemoryEffects(effects);
	function->setDoesNotThrow();
	function->addFnAttr(Attribute::WillReturn);
	function->addFnAttr(Attribute::NoSync);
	if (name == EnterMarker || name == PushMarker) {
		function->addRetAttr(Attribute::NoAlias);
		function->addRetAttr(Attribute::NonNull);
	}
	if (name == LeaveMarker)
		function->addParamAttr(0, Attribute::NoCapture);
	return function;
}

static CallInst *callMarker(StringRef name, ArrayRef<Value *> arguments, Instruction *before,
                            const Twine &result_name = "")
{
	Module &module = *before->getModule();
	return CallInst::Create(marker(module, name), arguments, result_name, before);
}

Value *dataStackTop(Instruction *before)
{
	return callMarker(TopMarker, {}, before, "xmig.ds.top");
}

void setDataStackTop(Value *top, Instruction *before)
{
	callMarker(SetTopMarker, {top}, before);
}

DataStackFrame buildDataStackFrame(Function &function, ArrayRef<AllocaInst *> resident)
{
	Module &module = *function.getParent();
	const DataLayout &data_layout = module.getDataLayout();
	LLVMContext &context = function.getContext();
	Type *int64 = Type::getInt64Ty(context);
	BasicBlock &entry = function.getEntryBlock();

	DataStackLayout layout;
	layout.alignment = Align(DataStackAlignment);
	SmallVector<uint64_t, 8> offsets;
	for (AllocaInst *alloca : resident) {
		uint64_t size = alloca->getAllocationSize(data_layout)->getFixedValue();
		Align requested = alloca->getAlign();
		// A glibc type with two layouts gets room for the larger.
		PortableLayout portable = portableLayout(alloca->getAllocatedType(), data_layout);
		if (portable.per_isa) {
			uint64_t count = cast<ConstantInt>(alloca->getArraySize())->getZExtValue();
			size = portable.size * count;
			requested = std::max(requested, portable.alignment);
		}
		Align alignment = slotAlignment(size, requested);
		uint64_t offset = alignTo(layout.size, alignment);
		offsets.push_back(offset);
		layout.size = offset + size;
		layout.alignment = std::max(layout.alignment, alignment);
		layout.description += ";" + std::to_string(offset) + "," + std::to_string(size) +
		                      "," + std::to_string(alignment.value());
	}
	layout.size = alignTo(layout.size, Align(DataStackAlignment));
	layout.description = std::to_string(layout.size) + "/" +
	                     std::to_string(layout.alignment.value()) + layout.description;

	SmallVector<AllocaInst *, 4> variable_sized;
	SmallVector<IntrinsicInst *, 4> save_restores;
	SmallVector<ReturnInst *, 4> returns;
	for (BasicBlock &block : function)
		for (Instruction &instruction : block) {
			if (auto *alloca = dyn_cast<AllocaInst>(&instruction)) {
				if (!alloca->isStaticAlloca())
					variable_sized.push_back(alloca);
			} else if (auto *intrinsic = dyn_cast<IntrinsicInst>(&instruction)) {
				Intrinsic::ID id = intrinsic->getIntrinsicID();
				if (id == Intrinsic::stacksave || id == Intrinsic::stackrestore)
					save_restores.push_back(intrinsic);
			} else if (auto *exit = dyn_cast<ReturnInst>(&instruction)) {
				returns.push_back(exit);
			}
		}

	BasicBlock::iterator position = entry.begin();
	while (isa<AllocaInst>(*position))
		++position;
	Instruction *body_start = &*position;
	// A function with no prologue and no entry point (one exempted from
	// points) starts with a call, which becomes a statepoint: the body
	// must not start at an instruction that is replaced.
	if (isa<CallBase>(body_start)) {
		entry.splitBasicBlock(body_start, "xmig.first");
		body_start = entry.getTerminator();
	}
	if (resident.empty() && variable_sized.empty() && save_restores.empty())
		return {layout, body_start, dataStackTop(body_start)};

	Value *caller_top = dataStackTop(body_start);
	Value *base = nullptr;
	if (!resident.empty()) {
		base = callMarker(EnterMarker,
		                  {ConstantInt::get(int64, layout.size),
		                   ConstantInt::get(int64, layout.alignment.value())},
		                  body_start, "xmig.frame");
		IRBuilder<> builder(body_start);
		for (size_t i = 0; i < resident.size(); i++) {
			Value *address = builder.CreateConstInBoundsGEP1_64(builder.getInt8Ty(),
			                                                    base, offsets[i]);
			address->takeName(resident[i]);
			resident[i]->replaceAllUsesWith(address);
			resident[i]->eraseFromParent();
		}
	}

	for (AllocaInst *alloca : variable_sized) {
		IRBuilder<> builder(alloca);
		uint64_t element_size = data_layout.getTypeAllocSize(alloca->getAllocatedType());
		Value *count = builder.CreateZExtOrTrunc(alloca->getArraySize(), int64);
		Value *bytes = builder.CreateMul(count, builder.getInt64(element_size));
		Align alignment = std::max(alloca->getAlign(), Align(DataStackAlignment));
		CallInst *pushed = callMarker(PushMarker,
		                              {bytes, builder.getInt64(alignment.value())}, alloca);
		pushed->takeName(alloca);
		alloca->replaceAllUsesWith(pushed);
		alloca->eraseFromParent();
	}
	for (IntrinsicInst *intrinsic : save_restores) {
		if (intrinsic->getIntrinsicID() == Intrinsic::stacksave)
			intrinsic->replaceAllUsesWith(dataStackTop(intrinsic));
		else
			setDataStackTop(intrinsic->getArgOperand(0), intrinsic);
		intrinsic->eraseFromParent();
	}
	for (ReturnInst *exit : returns) {
		if (base)
			callMarker(LeaveMarker, {base, caller_top}, exit);
		else
			setDataStackTop(caller_top, exit);
	}
	Value *top_at_calls = nullptr;
	if (variable_sized.empty() && save_restores.empty())
		top_at_calls = base ? dataStackTop(body_start) : caller_top;
	return {layout, body_start, top_at_calls};
}

static Value *alignUp(IRBuilder<> &builder, Value *pointer, uint64_t alignment)
{
	if (alignment <= DataStackAlignment)
		return pointer;
	Value *past = builder.CreateConstGEP1_64(builder.getInt8Ty(), pointer, alignment - 1);
	return builder.CreateIntrinsic(Intrinsic::ptrmask,
	                               {pointer->getType(), builder.getInt64Ty()},
	                               {past, builder.getInt64(~(alignment - 1))});
}

static void lowerMarker(Module &module, StringRef name, GlobalVariable *pointer)
{
	Function *function = module.getFunction(name);
	if (!function)
		return;
	Type *pointer_type = PointerType::getUnqual(module.getContext());
	SmallVector<CallInst *, 32> calls;
	for (User *user : function->users())
		calls.push_back(cast<CallInst>(user));
	for (CallInst *call : calls) {
		IRBuilder<> builder(call);
		Value *result = nullptr;
		if (name == TopMarker) {
			result = builder.CreateLoad(pointer_type, pointer, "xmig.ds.top");
		} else if (name == EnterMarker || name == PushMarker) {
			Value *top = builder.CreateLoad(pointer_type, pointer, "xmig.ds.top");
			uint64_t alignment =
			        cast<ConstantInt>(call->getArgOperand(1))->getZExtValue();
			Value *base = alignUp(builder, top, alignment);
			Value *bytes = call->getArgOperand(0);
			if (name == PushMarker)
				bytes = builder.CreateAnd(
				        builder.CreateAdd(bytes,
				                          builder.getInt64(DataStackAlignment - 1)),
				        builder.getInt64(~(DataStackAlignment - 1)));
			builder.CreateStore(builder.CreateGEP(builder.getInt8Ty(), base, bytes),
			                    pointer);
			result = base;
		} else if (name == LeaveMarker) {
			builder.CreateStore(call->getArgOperand(1), pointer);
		} else {
			builder.CreateStore(call->getArgOperand(0), pointer);
		}
		if (result) {
			result->takeName(call);
			call->replaceAllUsesWith(result);
		}
		call->eraseFromParent();
	}
	function->eraseFromParent();
}

void lowerDataStackMarkers(Module &module)
{
	bool used = false;
	for (StringRef name : {TopMarker, EnterMarker, PushMarker, LeaveMarker, SetTopMarker})
		used |= module.getFunction(name) != nullptr;
	if (!used)
		return;
	GlobalVariable *pointer = runtimeGlobal(module, DataStackPointer,
	                                        PointerType::getUnqual(module.getContext()));
	for (StringRef name : {TopMarker, EnterMarker, PushMarker, LeaveMarker, SetTopMarker})
		lowerMarker(module, name, pointer);
}

} // namespace xmig
