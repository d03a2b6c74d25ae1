#include "SiteSlots.h"

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/SSAUpdater.h"

using namespace llvm;

namespace xmig
{

namespace
{

struct Reload {
	BasicBlock *block; // starts right after the site's call
	LoadInst *load;
};

} // namespace

static BasicBlock *definingBlock(Value *value, Function &function)
{
	if (auto *instruction = dyn_cast<Instruction>(value))
		return instruction->getParent();
	return &function.getEntryBlock();
}

// Every use of the value now sees the definition that reaches it: the value
// itself up to the first site, a reload after each site.
static void rewriteUses(Value *value, Function &function, ArrayRef<Reload> reloads)
{
	BasicBlock *home = definingBlock(value, function);
	SSAUpdater updater;
	updater.Initialize(value->getType(), value->getName());
	updater.AddAvailableValue(home, value);
	DenseMap<BasicBlock *, Value *> reload_in_block;
	for (const Reload &reload : reloads) {
		updater.AddAvailableValue(reload.block, reload.load);
		reload_in_block[reload.block] = reload.load;
	}

	SmallVector<Use *, 16> uses;
	for (Use &use : value->uses())
		uses.push_back(&use);
	for (Use *use : uses) {
		auto *user = cast<Instruction>(use->getUser());
		if (isa<PHINode>(user)) {
			updater.RewriteUse(*use);
			continue;
		}
		// Blocks that define a version themselves: the use follows it.
		BasicBlock *block = user->getParent();
		if (block == home)
			continue;
		if (auto found = reload_in_block.find(block); found != reload_in_block.end())
			use->set(found->second);
		else
			updater.RewriteUse(*use);
	}
}

DenseMap<Value *, AllocaInst *> keepValuesInSlots(Function &function,
                                                  MutableArrayRef<SiteValues> sites)
{
	DenseMap<Value *, AllocaInst *> slots;
	if (sites.empty())
		return slots;
	const DataLayout &layout = function.getParent()->getDataLayout();
	BasicBlock &entry = function.getEntryBlock();
	Instruction *slot_position = &*entry.getFirstInsertionPt();

	// Slots first, in the entry block, so that they are static: fixed offsets
	// in the frame, which the stack map can record.
	SmallVector<Value *, 32> order;
	for (const SiteValues &site : sites)
		for (Value *value : site.values) {
			if (slots.count(value))
				continue;
			slots[value] =
			        new AllocaInst(value->getType(), layout.getAllocaAddrSpace(),
			                       nullptr, layout.getPrefTypeAlign(value->getType()),
			                       value->getName() + ".xmig.slot", slot_position);
			order.push_back(value);
		}

	// Each site's call gets a block of its own, which a resumed frame enters
	// with its slots filled in (Resume.h); what follows it, with the reloads
	// at its top, is where the reloaded versions are defined.
	DenseMap<Value *, SmallVector<Reload, 4>> reloads;
	SmallVector<StoreInst *, 32> stores;
	for (SiteValues &site : sites) {
		CallBase *call = site.call;
		if (isa<InvokeInst>(call))
			continue;
		for (Value *value : site.values)
			stores.push_back(new StoreInst(value, slots[value], /*isVolatile=*/false,
			                               slots[value]->getAlign(), call));
		site.call_block = call->getParent()->splitBasicBlock(
		        call, call->getParent()->getName() + ".xmig.call");
		BasicBlock *after = site.call_block->splitBasicBlock(
		        call->getNextNode(), call->getParent()->getName() + ".xmig.after");
		site.after_block = after;
		Instruction *reload_position = &*after->getFirstInsertionPt();
		for (Value *value : site.values) {
			AllocaInst *slot = slots[value];
			auto *load = new LoadInst(
			        value->getType(), slot, value->getName() + ".xmig.reload",
			        /*isVolatile=*/true, slot->getAlign(), reload_position);
			reloads[value].push_back({after, load});
		}
	}
	for (Value *value : order)
		rewriteUses(value, function, reloads[value]);
	// A store of what was just reloaded from the same slot changes nothing:
	// only these stores and a migration (with the same bytes) write slots.
	for (StoreInst *store : stores)
		if (auto *load = dyn_cast<LoadInst>(store->getValueOperand()))
			if (load->getPointerOperand() == store->getPointerOperand())
				store->eraseFromParent();
	return slots;
}

} // namespace xmig
