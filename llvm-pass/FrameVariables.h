// What a function's source frame holds across its sites, decided at the start
// of the pipeline from the IR clang emitted, where every local variable is
// still an alloca and nothing target-dependent has run (docs/plugin.md):
//
// - state variables: scalar locals that the optimizer will keep in registers
//   (promotable allocas). A site records the values of those live after it;
//   a resumed frame stores them back.
// - resident memory: every other local whose bytes may be read after a site,
//   or whose address escapes. It lives in the function's data-stack frame,
//   at the same address on both ISAs, and migrates as memory.
// - the rest (clang's argument-passing temporaries, locals dead at every
//   site) stay ordinary allocas: nothing of them is live at a migration point.
#ifndef XMIG_FRAME_VARIABLES_H
#define XMIG_FRAME_VARIABLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm
{
class AllocaInst;
class Type;
class CallBase;
class Function;
class Instruction;
} // namespace llvm

namespace xmig
{

// SSA values that clang's IR keeps live across a site (the temporary of
// `f() + g()`, a VLA's address, an argument the body uses directly) become
// variables of their own, so that all a frame holds across a site is
// variables and memory.
void demoteValuesLiveAcross(llvm::Function &function, llvm::ArrayRef<llvm::CallBase *> sites);

class FrameVariables
{
      public:
	FrameVariables(llvm::Function &function, llvm::ArrayRef<llvm::CallBase *> sites);

	// In the order of their first use, which follows the source.
	llvm::ArrayRef<llvm::AllocaInst *> stateVariables() const
	{
		return state_;
	}
	llvm::ArrayRef<llvm::AllocaInst *> residentMemory() const
	{
		return resident_;
	}

	// Indices into stateVariables() of those live after sites[site],
	// ascending.
	llvm::ArrayRef<unsigned> liveAfter(unsigned site) const
	{
		return live_after_[site];
	}

	// The type of a local whose layout differs between the ISAs, live after
	// sites[site] (PortableTypes.h), or NULL. (The local itself moves to the
	// data-stack frame, and its alloca goes.)
	llvm::Type *perIsaLiveAfter(unsigned site) const
	{
		return per_isa_live_after_[site];
	}

      private:
	llvm::SmallVector<llvm::AllocaInst *, 16> state_;
	llvm::SmallVector<llvm::AllocaInst *, 8> resident_;
	// Per site, decided when constructed: the function changes afterwards
	// (the data-stack frame replaces allocas), and an answer looked up by
	// instruction address then could find a new instruction at a freed
	// one's address.
	llvm::SmallVector<llvm::SmallVector<unsigned, 16>, 16> live_after_;
	llvm::SmallVector<llvm::Type *, 16> per_isa_live_after_;
};

} // namespace xmig

#endif
