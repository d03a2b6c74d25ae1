#include "FrameVariables.h"

#include "AccessLiveness.h"
#include "Liveness.h"
#include "PortableTypes.h"

#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

#include <algorithm>
#include <tuple>

using namespace llvm;

namespace xmig
{

// Capture tracking gives up (answers "captured") past a number of uses; an
// answer that depended on how many uses clang emitted on one ISA could
// classify a variable differently on the other.
static constexpr unsigned CaptureUseLimit = 1u << 20;

// After the entry block's allocas: where variables made here go, so that
// they follow clang's in order of creation.
static BasicBlock::iterator allocaPosition(Function &function)
{
	BasicBlock &entry = function.getEntryBlock();
	BasicBlock::iterator position = entry.begin();
	while (isa<AllocaInst>(*position))
		++position;
	return position;
}

static bool isFrameAddress(const Value *value)
{
	const auto *alloca = dyn_cast<AllocaInst>(value);
	return alloca && alloca->isStaticAlloca();
}

static void demoteArgument(Argument &argument, BasicBlock::iterator alloca_position)
{
	Function &function = *argument.getParent();
	const DataLayout &layout = function.getParent()->getDataLayout();
	auto *home = new AllocaInst(argument.getType(), layout.getAllocaAddrSpace(), nullptr,
	                            argument.getName() + ".xmig.home", alloca_position);
	SmallVector<Use *, 8> uses;
	for (Use &use : argument.uses())
		uses.push_back(&use);
	for (Use *use : uses) {
		auto *user = cast<Instruction>(use->getUser());
		Instruction *before = user;
		if (auto *phi = dyn_cast<PHINode>(user))
			before = phi->getIncomingBlock(*use)->getTerminator();
		use->set(new LoadInst(argument.getType(), home, argument.getName() + ".xmig",
		                      before));
	}
	new StoreInst(&argument, home, &*allocaPosition(function));
}

static SetVector<Value *> valuesLiveAcross(Function &function, ArrayRef<CallBase *> sites)
{
	SetVector<Value *> live;
	Liveness liveness(function);
	for (CallBase *site : sites)
		for (Value *value : liveness.liveAcross(*site))
			if (!isFrameAddress(value))
				live.insert(value);
	return live;
}

void demoteValuesLiveAcross(Function &function, ArrayRef<CallBase *> sites)
{
	// A demoted phi leaves one reload where the phi was, and that reload is
	// live across any site later in the same block (a loop point in the
	// header that the phi heads): a second round demotes it, with a load
	// before each use.
	for (unsigned round = 0; round < 2; round++) {
		bool demoted_phis = false;
		for (Value *value : valuesLiveAcross(function, sites)) {
			BasicBlock::iterator position = allocaPosition(function);
			if (auto *argument = dyn_cast<Argument>(value)) {
				demoteArgument(*argument, position);
			} else if (auto *phi = dyn_cast<PHINode>(value)) {
				DemotePHIToStack(phi, position);
				demoted_phis = true;
			} else {
				DemoteRegToStack(*cast<Instruction>(value), false, position);
			}
		}
		if (!demoted_phis)
			return;
	}
}

namespace
{

// Capture tracking that takes passing a local byval as what it is, a read of
// its bytes at the call (the callee gets a copy): x86_64 passes a struct of
// three or four doubles so, where aarch64 loads it into registers.
class CapturedOtherThanByValue : public CaptureTracker
{
      public:
	bool found = false;

	void tooManyUses() override
	{
		found = true;
	}
	bool captured(const Use *use) override
	{
		if (const auto *call = dyn_cast<CallBase>(use->getUser());
		    call && call->isArgOperand(use) &&
		    call->isByValArgument(call->getArgOperandNo(use)))
			return false;
		found = true;
		return true;
	}
};

static bool isCaptured(const AllocaInst &alloca)
{
	CapturedOtherThanByValue tracker;
	PointerMayBeCaptured(&alloca, &tracker, CaptureUseLimit);
	return tracker.found;
}

// The accesses to one local in memory, found by following its address
// through casts and address arithmetic.
class MemoryAccesses
{
      public:
	MemoryAccesses(AllocaInst &alloca, unsigned index, AccessLiveness &liveness)
	    : alloca_(alloca), index_(index), liveness_(liveness),
	      size_(alloca.getAllocationSize(alloca.getModule()->getDataLayout()))
	{
	}

	// False when a use is of a kind this does not understand: the local
	// then stays in the data stack.
	bool record()
	{
		return follow(alloca_);
	}

      private:
	bool coversAll(const Value *pointer, std::optional<uint64_t> bytes) const
	{
		return pointer == &alloca_ && bytes && size_ && !size_->isScalable() &&
		       *bytes >= size_->getFixedValue();
	}

	static std::optional<uint64_t> constantLength(const MemIntrinsic &intrinsic)
	{
		if (auto *length = dyn_cast<ConstantInt>(intrinsic.getLength()))
			return length->getZExtValue();
		return std::nullopt;
	}

	bool follow(Value &pointer)
	{
		const DataLayout &layout = alloca_.getModule()->getDataLayout();
		for (User *user : pointer.users()) {
			auto *instruction = cast<Instruction>(user);
			if (isa<GetElementPtrInst>(instruction) || isa<BitCastInst>(instruction) ||
			    isa<AddrSpaceCastInst>(instruction)) {
				if (!follow(*instruction))
					return false;
			} else if (isa<LoadInst>(instruction)) {
				liveness_.add(*instruction, index_, Access::Read);
			} else if (auto *store = dyn_cast<StoreInst>(instruction)) {
				if (store->getValueOperand() == &pointer)
					return false;
				uint64_t bytes =
				        layout.getTypeStoreSize(store->getValueOperand()->getType())
				                .getKnownMinValue();
				if (coversAll(&pointer, bytes))
					liveness_.add(*instruction, index_, Access::Kill);
			} else if (auto *intrinsic = dyn_cast<IntrinsicInst>(instruction)) {
				recordIntrinsic(*intrinsic, pointer);
			} else if (isa<CallBase>(instruction)) {
				// A call that does not capture the address may still
				// read the memory (and write it, which keeps it live).
				liveness_.add(*instruction, index_, Access::Read);
			} else if (isa<ICmpInst>(instruction)) {
				continue;
			} else {
				return false;
			}
		}
		return true;
	}

	void recordIntrinsic(IntrinsicInst &intrinsic, Value &pointer)
	{
		if (intrinsic.isLifetimeStartOrEnd()) {
			liveness_.add(intrinsic, index_, Access::Kill);
			return;
		}
		if (intrinsic.isDroppable() || isa<DbgInfoIntrinsic>(intrinsic))
			return;
		if (auto *transfer = dyn_cast<MemTransferInst>(&intrinsic)) {
			if (transfer->getRawSource() == &pointer)
				liveness_.add(intrinsic, index_, Access::Read);
			if (transfer->getRawDest() == &pointer &&
			    coversAll(&pointer, constantLength(*transfer)))
				liveness_.add(intrinsic, index_, Access::Kill);
			return;
		}
		if (auto *set = dyn_cast<MemSetInst>(&intrinsic)) {
			if (coversAll(&pointer, constantLength(*set)))
				liveness_.add(intrinsic, index_, Access::Kill);
			return;
		}
		liveness_.add(intrinsic, index_, Access::Read);
	}

	AllocaInst &alloca_;
	unsigned index_;
	AccessLiveness &liveness_;
	std::optional<TypeSize> size_;
};

} // namespace

// Every use in one block, the first a write, and no site between the first
// and the last: whatever it held before the block was entered is never read.
static bool isBlockTemporary(AllocaInst &alloca, ArrayRef<CallBase *> sites)
{
	SmallVector<Instruction *, 8> uses;
	SmallVector<Value *, 8> pending = {&alloca};
	while (!pending.empty()) {
		Value *pointer = pending.pop_back_val();
		for (User *user : pointer->users()) {
			auto *instruction = cast<Instruction>(user);
			if (isa<GetElementPtrInst>(instruction) || isa<BitCastInst>(instruction))
				pending.push_back(instruction);
			else if (auto *intrinsic = dyn_cast<IntrinsicInst>(instruction);
			         !intrinsic || !intrinsic->isLifetimeStartOrEnd())
				uses.push_back(instruction);
		}
	}
	if (uses.empty())
		return true;
	BasicBlock *block = uses.front()->getParent();
	for (Instruction *use : uses)
		if (use->getParent() != block)
			return false;
	Instruction *first = nullptr, *last = nullptr;
	for (Instruction &instruction : *block)
		if (is_contained(uses, &instruction)) {
			if (!first)
				first = &instruction;
			last = &instruction;
		}
	bool writes = isa<StoreInst>(first) || isa<MemSetInst>(first) ||
	              (isa<MemTransferInst>(first) &&
	               cast<MemTransferInst>(first)->getRawSource() != &alloca);
	if (!writes)
		return false;
	bool between = false;
	for (Instruction &instruction : *block) {
		if (&instruction == first)
			between = true;
		if (between && is_contained(sites, &instruction))
			return false;
		if (&instruction == last)
			break;
	}
	return true;
}

// clang creates a temporary's alloca when it emits the expression that needs
// it, which temporaries an ISA's calling convention needs differs, and the
// inliner and xmig's own passes add allocas at the top of the entry block;
// the order of first uses follows the source on both ISAs.
static void orderByFirstUse(Function &function, SmallVectorImpl<AllocaInst *> &allocas)
{
	DenseMap<const Instruction *, unsigned> position;
	ReversePostOrderTraversal<Function *> order(&function);
	unsigned next = 0;
	for (BasicBlock *block : order)
		for (Instruction &instruction : *block)
			position[&instruction] = next++;
	auto first_use = [&](AllocaInst *alloca) {
		std::pair<unsigned, unsigned> first = {~0u, ~0u};
		for (const Use &use : alloca->uses()) {
			auto found = position.find(cast<Instruction>(use.getUser()));
			if (found != position.end())
				first = std::min(first, {found->second, use.getOperandNo()});
		}
		return first;
	};
	DenseMap<AllocaInst *, std::tuple<unsigned, unsigned, unsigned>> key;
	for (unsigned i = 0; i < allocas.size(); i++) {
		auto [at, operand] = first_use(allocas[i]);
		key[allocas[i]] = {at, operand, i};
	}
	std::sort(allocas.begin(), allocas.end(),
	          [&](AllocaInst *a, AllocaInst *b) { return key[a] < key[b]; });
}

FrameVariables::FrameVariables(Function &function, ArrayRef<CallBase *> sites)
{
	SmallVector<AllocaInst *, 16> memory;
	for (Instruction &instruction : function.getEntryBlock()) {
		auto *alloca = dyn_cast<AllocaInst>(&instruction);
		if (!alloca || !alloca->isStaticAlloca())
			continue;
		if (isAllocaPromotable(alloca))
			state_.push_back(alloca);
		else
			memory.push_back(alloca);
	}

	// Memory: in the frame if its address escapes, or if its bytes may be
	// read after some site; never a temporary of one block that no site
	// interrupts (clang's copies of arguments into the pieces the calling
	// convention passes, and of results out of them).
	AccessLiveness memory_liveness(function, memory.size());
	SmallVector<bool, 16> resident(memory.size(), false);
	SmallVector<bool, 16> temporary(memory.size(), false);
	for (unsigned i = 0; i < memory.size(); i++) {
		resident[i] = isCaptured(*memory[i]) ||
		              !MemoryAccesses(*memory[i], i, memory_liveness).record();
		temporary[i] = !resident[i] && isBlockTemporary(*memory[i], sites);
	}
	memory_liveness.solve();
	for (CallBase *site : sites) {
		BitVector live = memory_liveness.liveAfter(*site);
		for (unsigned bit : live.set_bits())
			resident[bit] = resident[bit] || !temporary[bit];
	}
	for (unsigned i = 0; i < memory.size(); i++)
		if (resident[i])
			resident_.push_back(memory[i]);
	orderByFirstUse(function, resident_);
	orderByFirstUse(function, state_);

	// Locals whose bytes differ in meaning between the ISAs: where each is
	// live, whoever reads it (a call it is passed to reads it, and one that
	// keeps its address makes it live everywhere).
	const DataLayout &data_layout = function.getParent()->getDataLayout();
	SmallVector<AllocaInst *, 2> per_isa;
	for (AllocaInst *alloca : resident_)
		if (portableLayout(alloca->getAllocatedType(), data_layout).per_isa)
			per_isa.push_back(alloca);
	AccessLiveness per_isa_liveness(function, per_isa.size());
	SmallVector<bool, 2> per_isa_always_live;
	for (unsigned i = 0; i < per_isa.size(); i++) {
		bool kept = false;
		for (const Use &use : per_isa[i]->uses())
			if (auto *store = dyn_cast<StoreInst>(use.getUser());
			    store && store->getValueOperand() == per_isa[i])
				kept = true;
		per_isa_always_live.push_back(
		        kept || !MemoryAccesses(*per_isa[i], i, per_isa_liveness).record());
	}
	per_isa_liveness.solve();

	AccessLiveness state_liveness(function, state_.size());
	for (unsigned i = 0; i < state_.size(); i++)
		for (User *user : state_[i]->users()) {
			auto *instruction = cast<Instruction>(user);
			if (isa<LoadInst>(instruction))
				state_liveness.add(*instruction, i, Access::Read);
			else if (isa<StoreInst>(instruction) ||
			         (isa<IntrinsicInst>(instruction) &&
			          cast<IntrinsicInst>(instruction)->isLifetimeStartOrEnd()))
				state_liveness.add(*instruction, i, Access::Kill);
		}
	state_liveness.solve();

	for (CallBase *site : sites) {
		// Named: set_bits() of a temporary would outlive it.
		BitVector state_live = state_liveness.liveAfter(*site);
		SmallVector<unsigned, 16> &live = live_after_.emplace_back();
		for (unsigned bit : state_live.set_bits())
			live.push_back(bit);
		Type *per_isa_type = nullptr;
		BitVector per_isa_live = per_isa_liveness.liveAfter(*site);
		for (unsigned i = 0; i < per_isa.size() && !per_isa_type; i++)
			if (per_isa_always_live[i] || per_isa_live.test(i))
				per_isa_type = per_isa[i]->getAllocatedType();
		per_isa_live_after_.push_back(per_isa_type);
	}
}

} // namespace xmig
