// Moves every alloca of an instrumented function into a frame on the data
// stack, a runtime-owned range at the same address on both ISAs. The layout
// is computed from IR types only, so it is the same on both, and afterwards no
// value live across a call points into the native stack, which is the only
// memory the migration rebuilds.
#ifndef XMIG_DATA_STACK_H
#define XMIG_DATA_STACK_H

#include <cstdint>

namespace llvm
{
class Function;
class Instruction;
} // namespace llvm

namespace xmig
{

struct DataStackFrame {
	// Where the function's own code starts once the frame is set up: the
	// entry migration point goes here.
	llvm::Instruction *body_start;
	// A hash of the frame's layout (0 when the function has no frame), for
	// checking that both ISAs agree on it.
	uint64_t signature;
};

DataStackFrame moveAllocasToDataStack(llvm::Function &function);

} // namespace xmig

#endif
