#include "JumpBuffers.h"

#include "xmig/jump_buffer.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

bool isPortableSetjmp(const CallBase &call)
{
	const Function *callee = call.getCalledFunction();
	return callee && (callee->getName() == XMIG_SETJMP_SYMBOL ||
	                  callee->getName() == XMIG_SIGSETJMP_SYMBOL);
}

ArmingSlots addArmingSlots(Function &function)
{
	ArmingSlots arming;
	for (Instruction &instruction : instructions(function))
		if (auto *call = dyn_cast<CallInst>(&instruction);
		    call && isPortableSetjmp(*call) && call->arg_size() >= 1)
			arming.calls.push_back(call);
	if (arming.calls.empty())
		return arming;

	const DataLayout &layout = function.getParent()->getDataLayout();
	BasicBlock &entry = function.getEntryBlock();
	Type *pointer = PointerType::getUnqual(function.getContext());
	for (CallInst *call : arming.calls) {
		auto *slot = new AllocaInst(pointer, layout.getAllocaAddrSpace(), nullptr,
		                            "xmig.setjmp.slot", &*entry.begin());
		IRBuilder<> builder(call);
		Value *buffer = call->getArgOperand(0);
		builder.CreateStore(buffer, slot);
		builder.CreateStore(slot, builder.CreateConstGEP1_64(builder.getInt8Ty(), buffer,
		                                                     XMIG_JUMP_BUFFER_OWNER_OFFSET,
		                                                     "xmig.setjmp.owner"));
		arming.slots.push_back(slot);
	}
	return arming;
}

} // namespace xmig
