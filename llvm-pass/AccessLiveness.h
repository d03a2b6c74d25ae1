// Backward liveness of a set of variables whose accesses are given per
// instruction: a read makes a variable live, a complete write or the end of
// its lifetime makes it dead. The state variables of a source frame (scalar
// locals) and the memory that must stay in the data stack are both decided
// with it, before any optimization (docs/plugin.md).
#ifndef XMIG_ACCESS_LIVENESS_H
#define XMIG_ACCESS_LIVENESS_H

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm
{
class BasicBlock;
class Function;
class Instruction;
} // namespace llvm

namespace xmig
{

enum class Access { Read, Kill };

class AccessLiveness
{
      public:
	AccessLiveness(llvm::Function &function, unsigned variable_count);

	// Recorded before solve(); an instruction may access several variables.
	void add(const llvm::Instruction &instruction, unsigned variable, Access access);
	void solve();

	// The variables live right after the instruction.
	llvm::BitVector liveAfter(const llvm::Instruction &instruction) const;

      private:
	struct Event {
		unsigned variable;
		Access access;
	};
	void transfer(const llvm::Instruction &instruction, llvm::BitVector &live) const;

	llvm::Function &function_;
	unsigned count_;
	llvm::DenseMap<const llvm::Instruction *, llvm::SmallVector<Event, 2>> events_;
	llvm::DenseMap<const llvm::BasicBlock *, llvm::BitVector> live_out_;
};

} // namespace xmig

#endif
