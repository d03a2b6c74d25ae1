// The SSA values live across a call: defined before it and used after it.
// They are exactly what a migration must carry from one ISA's frame to the
// other's, because memory is identical on both and only values in registers
// and spill slots differ.
#ifndef XMIG_LIVENESS_H
#define XMIG_LIVENESS_H

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace llvm
{
class BasicBlock;
class CallBase;
class Function;
class Instruction;
class Value;
} // namespace llvm

namespace xmig
{

class Liveness
{
      public:
	explicit Liveness(llvm::Function &function);

	// In definition order (arguments first, then instructions in block
	// order), so that the same IR yields the same order on every target.
	llvm::SmallVector<llvm::Value *, 16> liveAcross(const llvm::CallBase &call) const;

      private:
	bool tracked(const llvm::Value *value) const;
	void addUses(const llvm::Instruction &instruction, llvm::BitVector &live) const;
	void computeBlockLiveness(llvm::Function &function);

	std::vector<llvm::Value *> values_;
	llvm::DenseMap<const llvm::Value *, unsigned> index_;
	llvm::DenseMap<const llvm::BasicBlock *, llvm::BitVector> live_out_;
};

} // namespace xmig

#endif
