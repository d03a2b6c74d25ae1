// setjmp in instrumented code (xmig/jump_buffer.h, docs/setjmp.md).
//
// xmig's <setjmp.h> gives jmp_buf one layout on both ISAs and calls the
// runtime's setjmp. A buffer's registers are the ISA's own, so a frame
// rebuilt on the other ISA must arm its buffers again. For that, each call
// of setjmp gets a slot in the function's data-stack frame, which migrates:
//
//   slot = buffer; buffer->owner = &slot; setjmp(buffer)
//
// A frame that is re-entered on the destination looks at its slots: a slot
// whose buffer still names it as owner was the last to arm that buffer, and
// the frame calls that setjmp again, from the same call, before it goes on
// to the site it resumes (ResumePaths.cpp). A later longjmp returns there.
#ifndef XMIG_JUMP_BUFFERS_H
#define XMIG_JUMP_BUFFERS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/ValueHandle.h"

namespace llvm
{
class CallBase;
class CallInst;
class Function;
} // namespace llvm

namespace xmig
{

// The runtime's setjmp or sigsetjmp, as xmig's <setjmp.h> declares them.
bool isPortableSetjmp(const llvm::CallBase &call);

struct ArmingSlots {
	llvm::SmallVector<llvm::CallInst *, 2> calls; // the setjmp calls
	// Per call, the address of its slot: an alloca until the data-stack
	// frame replaces it with an address in the frame.
	llvm::SmallVector<llvm::WeakTrackingVH, 2> slots;
};

// Adds the slots and the stores before each call. The slots' addresses are
// stored in the buffers, so they are resident in the data-stack frame.
ArmingSlots addArmingSlots(llvm::Function &function);

} // namespace xmig

#endif
