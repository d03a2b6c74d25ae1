#include "ByValueArguments.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

// A temporary only this call reads: the result of another call (its sret
// argument), with nothing else but lifetime markers using it.
static bool isUnsharedTemporary(Value *argument, const CallBase &call)
{
	auto *alloca = dyn_cast<AllocaInst>(argument);
	if (!alloca)
		return false;
	unsigned results = 0;
	for (const Use &use : alloca->uses()) {
		const auto *user = cast<Instruction>(use.getUser());
		if (user == &call)
			continue;
		if (const auto *intrinsic = dyn_cast<IntrinsicInst>(user);
		    intrinsic && intrinsic->isLifetimeStartOrEnd())
			continue;
		const auto *producer = dyn_cast<CallBase>(user);
		if (!producer || !producer->isArgOperand(&use) ||
		    !producer->paramHasAttr(producer->getArgOperandNo(&use), Attribute::StructRet))
			return false;
		results++;
	}
	return results == 1;
}

// aarch64's homogeneous floating-point aggregate: one to four members, all
// float or all double.
static bool isHomogeneousFloatAggregate(Type *type)
{
	SmallVector<Type *, 8> pending = {type};
	Type *member = nullptr;
	unsigned count = 0;
	while (!pending.empty()) {
		Type *next = pending.pop_back_val();
		if (auto *structure = dyn_cast<StructType>(next)) {
			for (Type *element : structure->elements())
				pending.push_back(element);
		} else if (auto *array = dyn_cast<ArrayType>(next)) {
			if (array->getNumElements() > 4)
				return false;
			for (uint64_t i = 0; i < array->getNumElements(); i++)
				pending.push_back(array->getElementType());
		} else if (next->isFloatTy() || next->isDoubleTy()) {
			if (member && member != next)
				return false;
			member = next;
			if (++count > 4)
				return false;
		} else {
			return false;
		}
	}
	return count > 0;
}

static std::optional<unsigned> structReturnIndex(const CallBase &call)
{
	for (unsigned i = 0; i < call.arg_size(); i++)
		if (call.paramHasAttr(i, Attribute::StructRet))
			return i;
	return std::nullopt;
}

static std::optional<unsigned> structReturnIndex(const Function &function)
{
	for (unsigned i = 0; i < function.arg_size(); i++)
		if (function.hasParamAttribute(i, Attribute::StructRet))
			return i;
	return std::nullopt;
}

static FunctionType *returningValue(FunctionType *type, unsigned index, Type *result)
{
	SmallVector<Type *, 8> parameters(type->params());
	parameters.erase(parameters.begin() + index);
	return FunctionType::get(result, parameters, type->isVarArg());
}

static AttributeList withoutParameter(LLVMContext &context, AttributeList attributes,
                                      unsigned index, unsigned count)
{
	SmallVector<AttributeSet, 8> parameters;
	for (unsigned i = 0; i < count; i++)
		if (i != index)
			parameters.push_back(attributes.getParamAttrs(i));
	return AttributeList::get(context, attributes.getFnAttrs(), AttributeSet(), parameters);
}

// An HFA result returned as a value: the call stores it where its sret
// pointer pointed.
static void returnHfaByValue(CallBase &call, unsigned index)
{
	Type *result = call.getParamStructRetType(index);
	Value *destination = call.getArgOperand(index);
	SmallVector<Value *, 8> arguments(call.args());
	arguments.erase(arguments.begin() + index);
	SmallVector<OperandBundleDef, 1> bundles;
	call.getOperandBundlesAsDefs(bundles);
	auto *plain = cast<CallInst>(&call);
	CallInst *replacement = CallInst::Create(
	        returningValue(call.getFunctionType(), index, result), call.getCalledOperand(),
	        arguments, bundles, "", call.getIterator());
	replacement->setAttributes(
	        withoutParameter(call.getContext(), call.getAttributes(), index, call.arg_size()));
	replacement->setCallingConv(call.getCallingConv());
	replacement->setTailCallKind(plain->getTailCallKind());
	replacement->setDebugLoc(call.getDebugLoc());
	new StoreInst(replacement, destination, call.getNextNode());
	call.eraseFromParent();
}

// The function itself: a local takes the result, and every return hands it
// back as a value.
static void returnHfaByValue(Function &function, unsigned index)
{
	Type *result = function.getParamStructRetType(index);
	FunctionType *type = returningValue(function.getFunctionType(), index, result);
	Function *replacement = Function::Create(
	        type, function.getLinkage(), function.getAddressSpace(), "", function.getParent());
	replacement->copyAttributesFrom(&function);
	replacement->setAttributes(withoutParameter(function.getContext(), function.getAttributes(),
	                                            index, function.arg_size()));
	replacement->takeName(&function);
	if (!function.isDeclaration()) {
		replacement->splice(replacement->begin(), &function);
		const DataLayout &layout = function.getParent()->getDataLayout();
		BasicBlock &entry = replacement->getEntryBlock();
		auto *local = new AllocaInst(result, layout.getAllocaAddrSpace(), nullptr,
		                             "xmig.result", &*entry.getFirstInsertionPt());
		auto next = replacement->arg_begin();
		for (unsigned i = 0; i < function.arg_size(); i++) {
			Argument *old = function.getArg(i);
			if (i == index) {
				old->replaceAllUsesWith(local);
				continue;
			}
			next->takeName(old);
			old->replaceAllUsesWith(&*next++);
		}
		SmallVector<ReturnInst *, 4> returns;
		for (BasicBlock &block : *replacement)
			if (auto *exit = dyn_cast<ReturnInst>(block.getTerminator()))
				returns.push_back(exit);
		for (ReturnInst *exit : returns) {
			auto *value = new LoadInst(result, local, "xmig.result.value", exit);
			ReturnInst::Create(function.getContext(), value, exit->getIterator());
			exit->eraseFromParent();
		}
	}
	function.replaceAllUsesWith(replacement);
	function.eraseFromParent();
}

// A copy of each HFA byval argument, in a local of the callee's own.
static void copyHfaArguments(Function &function)
{
	const DataLayout &layout = function.getParent()->getDataLayout();
	BasicBlock &entry = function.getEntryBlock();
	BasicBlock::iterator after_allocas = entry.begin();
	while (isa<AllocaInst>(*after_allocas))
		++after_allocas;
	for (Argument &argument : function.args()) {
		if (!argument.hasByValAttr() ||
		    !isHomogeneousFloatAggregate(argument.getParamByValType()) ||
		    argument.use_empty())
			continue;
		Type *type = argument.getParamByValType();
		Align alignment = argument.getParamAlign().value_or(layout.getABITypeAlign(type));
		auto *copy = new AllocaInst(type, layout.getAllocaAddrSpace(), nullptr, alignment,
		                            argument.getName() + ".xmig.copy",
		                            &*entry.getFirstInsertionPt());
		argument.replaceAllUsesWith(copy);
		IRBuilder<> builder(&*after_allocas);
		builder.CreateMemCpy(copy, alignment, &argument, alignment,
		                     layout.getTypeAllocSize(type));
	}
}

static void passAsPointer(CallBase &call, unsigned index)
{
	Function &function = *call.getFunction();
	const DataLayout &layout = function.getParent()->getDataLayout();
	Type *type = call.getParamByValType(index);
	Align alignment = call.getParamAlign(index).value_or(layout.getABITypeAlign(type));
	Value *argument = call.getArgOperand(index);
	call.removeParamAttr(index, Attribute::ByVal);
	if (isUnsharedTemporary(argument, call))
		return;
	BasicBlock &entry = function.getEntryBlock();
	auto *copy = new AllocaInst(type, layout.getAllocaAddrSpace(), nullptr, alignment,
	                            "xmig.byval.copy", &*entry.getFirstInsertionPt());
	IRBuilder<> builder(&call);
	builder.CreateMemCpy(copy, alignment, argument, alignment, layout.getTypeAllocSize(type));
	call.setArgOperand(index, copy);
}

// aarch64's va_list is a struct, passed by value: the caller copies its
// va_list into a temporary, and the callee copies that into a local of its
// own. x86_64's is an array, passed as a pointer to the caller's. C allows
// either (a va_list passed on is indeterminate in the caller afterwards), so
// aarch64's are made x86_64's: both frames then hold the same locals.
static bool isAarch64VaList(Type *type)
{
	auto *structure = dyn_cast<StructType>(type);
	return structure && structure->hasName() && structure->getName() == "struct.__va_list";
}

// A va_list local whose only job is to be a copy of `source`: its uses are
// lifetime markers, the one memcpy that fills it from `source`, and `reader`.
static MemCpyInst *soleCopy(AllocaInst &local, Value *&source, const Instruction *reader)
{
	MemCpyInst *copy = nullptr;
	for (User *user : local.users()) {
		if (user == reader)
			continue;
		if (auto *intrinsic = dyn_cast<IntrinsicInst>(user);
		    intrinsic && intrinsic->isLifetimeStartOrEnd())
			continue;
		auto *memcpy = dyn_cast<MemCpyInst>(user);
		if (!memcpy || copy || memcpy->getRawDest() != &local)
			return nullptr;
		copy = memcpy;
	}
	if (copy)
		source = copy->getRawSource();
	return copy;
}

static void eraseCopy(AllocaInst &local, MemCpyInst *copy)
{
	copy->eraseFromParent();
	SmallVector<Instruction *, 4> markers;
	for (User *user : local.users())
		markers.push_back(cast<Instruction>(user));
	for (Instruction *marker : markers)
		if (isa<IntrinsicInst>(marker))
			marker->eraseFromParent();
	if (local.use_empty())
		local.eraseFromParent();
}

static void passVaListsByReference(Function &function)
{
	// The caller's temporary: pass the va_list it copies instead.
	SmallVector<std::pair<CallBase *, unsigned>, 4> arguments;
	for (Instruction &instruction : instructions(function))
		if (auto *call = dyn_cast<CallBase>(&instruction);
		    call && !isa<IntrinsicInst>(call))
			for (unsigned i = 0; i < call->arg_size(); i++)
				if (auto *local = dyn_cast<AllocaInst>(call->getArgOperand(i));
				    local && isAarch64VaList(local->getAllocatedType()))
					arguments.push_back({call, i});
	for (auto [call, index] : arguments) {
		auto *local = cast<AllocaInst>(call->getArgOperand(index));
		Value *source = nullptr;
		MemCpyInst *copy = soleCopy(*local, source, call);
		if (!copy)
			continue;
		call->setArgOperand(index, source);
		eraseCopy(*local, copy);
	}
	// The callee's copy of its parameter: use the parameter.
	SmallVector<AllocaInst *, 4> locals;
	for (Instruction &instruction : function.getEntryBlock())
		if (auto *local = dyn_cast<AllocaInst>(&instruction);
		    local && isAarch64VaList(local->getAllocatedType()))
			locals.push_back(local);
	for (AllocaInst *local : locals) {
		MemCpyInst *copy = nullptr;
		for (User *user : local->users())
			if (auto *memcpy = dyn_cast<MemCpyInst>(user);
			    memcpy && memcpy->getRawDest() == local &&
			    isa<Argument>(memcpy->getRawSource()) &&
			    memcpy->getRawSource()->hasOneUse())
				copy = memcpy;
		if (!copy)
			continue;
		Value *parameter = copy->getRawSource();
		copy->eraseFromParent();
		SmallVector<IntrinsicInst *, 2> markers;
		for (User *user : local->users())
			if (auto *intrinsic = dyn_cast<IntrinsicInst>(user);
			    intrinsic && intrinsic->isLifetimeStartOrEnd())
				markers.push_back(intrinsic);
		for (IntrinsicInst *marker : markers)
			marker->eraseFromParent();
		local->replaceAllUsesWith(parameter);
		local->eraseFromParent();
	}
}

void passByValueAsPointers(Module &module)
{
	for (Function &function : module)
		if (!function.isDeclaration())
			passVaListsByReference(function);

	SmallVector<std::pair<Function *, unsigned>, 8> hfa_results;
	for (Function &function : module) {
		for (unsigned i = 0; i < function.arg_size(); i++)
			if (function.hasParamAttribute(i, Attribute::ByVal) &&
			    !isHomogeneousFloatAggregate(function.getParamByValType(i)))
				function.removeParamAttr(i, Attribute::ByVal);
		if (std::optional<unsigned> index = structReturnIndex(function);
		    index && isHomogeneousFloatAggregate(function.getParamStructRetType(*index)))
			hfa_results.push_back({&function, *index});
		if (function.isDeclaration())
			continue;
		copyHfaArguments(function);
		SmallVector<std::pair<CallBase *, unsigned>, 8> arguments;
		SmallVector<std::pair<CallBase *, unsigned>, 8> results;
		for (Instruction &instruction : instructions(function)) {
			auto *call = dyn_cast<CallInst>(&instruction);
			if (!call || isa<IntrinsicInst>(call) || call->isInlineAsm())
				continue;
			unsigned fixed = call->getFunctionType()->getNumParams();
			for (unsigned i = 0; i < fixed; i++)
				if (call->isByValArgument(i) &&
				    !isHomogeneousFloatAggregate(call->getParamByValType(i)))
					arguments.push_back({call, i});
			if (std::optional<unsigned> index = structReturnIndex(*call);
			    index &&
			    isHomogeneousFloatAggregate(call->getParamStructRetType(*index)))
				results.push_back({call, *index});
		}
		for (auto [call, index] : arguments)
			passAsPointer(*call, index);
		for (auto [call, index] : results)
			returnHfaByValue(*call, index);
	}
	for (auto [function, index] : hfa_results)
		returnHfaByValue(*function, index);
}

} // namespace xmig
