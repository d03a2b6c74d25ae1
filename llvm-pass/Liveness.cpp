#include "Liveness.h"

#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace xmig
{

static bool carriesState(const Value &value)
{
	Type *type = value.getType();
	return !type->isVoidTy() && !type->isTokenTy() && !type->isLabelTy() &&
	       !type->isMetadataTy();
}

Liveness::Liveness(Function &function)
{
	for (Argument &argument : function.args())
		if (carriesState(argument)) {
			index_[&argument] = values_.size();
			values_.push_back(&argument);
		}
	for (BasicBlock &block : function)
		for (Instruction &instruction : block)
			if (carriesState(instruction)) {
				index_[&instruction] = values_.size();
				values_.push_back(&instruction);
			}
	computeBlockLiveness(function);
}

bool Liveness::tracked(const Value *value) const
{
	return index_.count(value) != 0;
}

// A phi's operands are used at the end of the incoming block, not in the
// phi's own block: the caller handles them through the successor edges.
void Liveness::addUses(const Instruction &instruction, BitVector &live) const
{
	if (isa<PHINode>(instruction))
		return;
	for (const Use &use : instruction.operands())
		if (tracked(use.get()))
			live.set(index_.lookup(use.get()));
}

static void addPhiUsesAlongEdge(const BasicBlock &from, const BasicBlock &to,
                                const DenseMap<const Value *, unsigned> &index, BitVector &live)
{
	for (const PHINode &phi : to.phis()) {
		const Value *incoming = phi.getIncomingValueForBlock(&from);
		auto found = index.find(incoming);
		if (found != index.end())
			live.set(found->second);
	}
}

void Liveness::computeBlockLiveness(Function &function)
{
	const unsigned count = values_.size();
	DenseMap<const BasicBlock *, BitVector> live_in;
	for (BasicBlock &block : function) {
		live_in[&block] = BitVector(count);
		live_out_[&block] = BitVector(count);
	}

	// Post order visits successors first, so the backward problem settles
	// in a few sweeps; unreachable blocks keep empty sets.
	ReversePostOrderTraversal<Function *> reverse_post_order(&function);
	std::vector<BasicBlock *> post_order(reverse_post_order.begin(), reverse_post_order.end());
	std::reverse(post_order.begin(), post_order.end());

	bool changed = true;
	while (changed) {
		changed = false;
		for (BasicBlock *block : post_order) {
			BitVector out(count);
			for (BasicBlock *successor : successors(block)) {
				out |= live_in[successor];
				addPhiUsesAlongEdge(*block, *successor, index_, out);
			}
			BitVector in = out;
			for (Instruction &instruction : reverse(*block)) {
				if (tracked(&instruction))
					in.reset(index_.lookup(&instruction));
				addUses(instruction, in);
			}
			if (out != live_out_[block] || in != live_in[block]) {
				live_out_[block] = std::move(out);
				live_in[block] = std::move(in);
				changed = true;
			}
		}
	}
}

SmallVector<Value *, 16> Liveness::liveAcross(const CallBase &call) const
{
	const BasicBlock *block = call.getParent();
	BitVector live = live_out_.lookup(block);
	for (const Instruction &instruction : reverse(*block)) {
		if (&instruction == &call)
			break;
		if (tracked(&instruction))
			live.reset(index_.lookup(&instruction));
		addUses(instruction, live);
	}
	if (tracked(&call))
		live.reset(index_.lookup(&call));

	SmallVector<Value *, 16> result;
	for (unsigned bit : live.set_bits())
		result.push_back(values_[bit]);
	return result;
}

} // namespace xmig
