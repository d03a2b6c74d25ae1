#include "AccessLiveness.h"

#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"

#include <vector>

using namespace llvm;

namespace xmig
{

AccessLiveness::AccessLiveness(Function &function, unsigned variable_count)
    : function_(function), count_(variable_count)
{
}

void AccessLiveness::add(const Instruction &instruction, unsigned variable, Access access)
{
	events_[&instruction].push_back({variable, access});
}

// Backwards over one instruction: a kill and a read in the same instruction
// (a copy of a variable onto itself) leave it live.
void AccessLiveness::transfer(const Instruction &instruction, BitVector &live) const
{
	auto found = events_.find(&instruction);
	if (found == events_.end())
		return;
	for (const Event &event : found->second)
		if (event.access == Access::Kill)
			live.reset(event.variable);
	for (const Event &event : found->second)
		if (event.access == Access::Read)
			live.set(event.variable);
}

void AccessLiveness::solve()
{
	DenseMap<const BasicBlock *, BitVector> live_in;
	for (BasicBlock &block : function_) {
		live_in[&block] = BitVector(count_);
		live_out_[&block] = BitVector(count_);
	}
	// Post order visits successors first, so the problem settles in a few
	// sweeps; unreachable blocks keep empty sets.
	ReversePostOrderTraversal<Function *> reverse_post_order(&function_);
	std::vector<BasicBlock *> order(reverse_post_order.begin(), reverse_post_order.end());
	bool changed = true;
	while (changed) {
		changed = false;
		for (auto block = order.rbegin(); block != order.rend(); ++block) {
			BitVector out(count_);
			for (BasicBlock *successor : successors(*block))
				out |= live_in[successor];
			BitVector in = out;
			for (Instruction &instruction : reverse(**block))
				transfer(instruction, in);
			if (out != live_out_[*block] || in != live_in[*block]) {
				live_out_[*block] = std::move(out);
				live_in[*block] = std::move(in);
				changed = true;
			}
		}
	}
}

BitVector AccessLiveness::liveAfter(const Instruction &instruction) const
{
	const BasicBlock *block = instruction.getParent();
	BitVector live = live_out_.lookup(block);
	if (live.size() != count_)
		live = BitVector(count_);
	for (const Instruction &later : reverse(*block)) {
		if (&later == &instruction)
			break;
		transfer(later, live);
	}
	return live;
}

} // namespace xmig
