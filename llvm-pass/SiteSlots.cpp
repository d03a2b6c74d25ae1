#include "SiteSlots.h"

#include "ArgumentGroups.h"

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Constants.h"
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

// Where a value's bytes go in its slot, computed at each store and reload: the
// resume path enters past the entry block's allocas, so an address computed
// once after them would not dominate it.
static Value *addressOf(const SlotPlace &place, Instruction *before)
{
	if (place.offset == 0)
		return place.slot;
	LLVMContext &context = before->getContext();
	return GetElementPtrInst::CreateInBounds(
	        Type::getInt8Ty(context), place.slot,
	        ConstantInt::get(Type::getInt64Ty(context), place.offset), "xmig.piece", before);
}

// A piece sits at its ABI offset in the struct, which may be less aligned
// than the slot.
static Align alignOf(const SlotPlace &place)
{
	return commonAlignment(place.slot->getAlign(), place.offset);
}

static bool sameAddress(Value *first, Value *second, const DataLayout &layout)
{
	APInt first_offset(64, 0), second_offset(64, 0);
	return first->stripAndAccumulateConstantOffsets(layout, first_offset, true) ==
	               second->stripAndAccumulateConstantOffsets(layout, second_offset, true) &&
	       first_offset == second_offset;
}

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

DenseMap<Value *, SlotPlace> keepValuesInSlots(Function &function,
                                               MutableArrayRef<SiteValues> sites,
                                               ArrayRef<ArgumentGroup> groups,
                                               const DenseMap<Value *, ArgumentPiece> &pieces)
{
	DenseMap<Value *, SlotPlace> places;
	if (sites.empty())
		return places;
	LLVMContext &context = function.getContext();
	const DataLayout &layout = function.getParent()->getDataLayout();
	BasicBlock &entry = function.getEntryBlock();
	Instruction *slot_position = &*entry.getFirstInsertionPt();

	// Slots first, in the entry block, so that they are static: fixed offsets
	// in the frame, which the stack map can record.
	SmallVector<AllocaInst *, 4> group_slots(groups.size(), nullptr);
	SmallVector<Value *, 32> order;
	for (const SiteValues &site : sites)
		for (Value *value : site.values) {
			if (places.count(value))
				continue;
			order.push_back(value);
			auto piece = pieces.find(value);
			if (piece == pieces.end()) {
				places[value] = {
				        new AllocaInst(
				                value->getType(), layout.getAllocaAddrSpace(),
				                nullptr, layout.getPrefTypeAlign(value->getType()),
				                value->getName() + ".xmig.slot", slot_position),
				        0};
				continue;
			}
			const ArgumentGroup &group = groups[piece->second.group];
			AllocaInst *&slot = group_slots[piece->second.group];
			if (!slot)
				slot = new AllocaInst(
				        ArrayType::get(Type::getInt8Ty(context), group.slot_bytes),
				        layout.getAllocaAddrSpace(), nullptr,
				        Align(group.alignment), "xmig.struct.slot", slot_position);
			places[value] = {slot, piece->second.offset};
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
			stores.push_back(new StoreInst(value, addressOf(places[value], call),
			                               /*isVolatile=*/false, alignOf(places[value]),
			                               call));
		site.call_block = call->getParent()->splitBasicBlock(
		        call, call->getParent()->getName() + ".xmig.call");
		BasicBlock *after = site.call_block->splitBasicBlock(
		        call->getNextNode(), call->getParent()->getName() + ".xmig.after");
		site.after_block = after;
		Instruction *reload_position = &*after->getFirstInsertionPt();
		for (Value *value : site.values) {
			auto *load = new LoadInst(
			        value->getType(), addressOf(places[value], reload_position),
			        value->getName() + ".xmig.reload",
			        /*isVolatile=*/true, alignOf(places[value]), reload_position);
			reloads[value].push_back({after, load});
		}
	}
	for (Value *value : order)
		rewriteUses(value, function, reloads[value]);
	// A store of what was just reloaded from the same slot changes nothing:
	// only these stores and a migration (with the same bytes) write slots.
	for (StoreInst *store : stores) {
		auto *load = dyn_cast<LoadInst>(store->getValueOperand());
		if (!load ||
		    !sameAddress(load->getPointerOperand(), store->getPointerOperand(), layout))
			continue;
		Value *address = store->getPointerOperand();
		store->eraseFromParent();
		if (auto *piece = dyn_cast<GetElementPtrInst>(address); piece && piece->use_empty())
			piece->eraseFromParent();
	}
	return places;
}

} // namespace xmig
