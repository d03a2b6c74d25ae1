// The data stack (docs/memory-layout.md): every local whose memory must
// migrate lives in a frame on a runtime-owned stack at a fixed address, laid
// out from clang's types before any optimization, so that the frame is the
// same on both ISAs and a function inlined into another still pushes a frame
// of its own where it would have been called.
//
// The frame is built from marker calls (xmig.ds.*) that the optimizer treats
// as opaque: the frame's base comes from a call whose result aliases nothing
// (like malloc's), so alias analysis still knows a local from everything else.
// At the end of optimization the markers become loads and stores of
// __xmig_data_stack_pointer.
#ifndef XMIG_DATA_STACK_FRAME_H
#define XMIG_DATA_STACK_FRAME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Alignment.h"

#include <cstdint>
#include <string>

namespace llvm
{
class AllocaInst;
class Function;
class Instruction;
class Module;
class Value;
} // namespace llvm

namespace xmig
{

struct DataStackLayout {
	uint64_t size = 0;
	llvm::Align alignment;
	// "size/alignment;offset,size,alignment;..." for the frame signature.
	std::string description;
};

struct DataStackFrame {
	DataStackLayout layout;
	// The first instruction after the frame's prologue: what a resumed
	// frame must not run starts here.
	llvm::Instruction *body_start;
	// The data-stack top at every call, when nothing in the function moves
	// it after the prologue (no variable-sized locals): read once there.
	// NULL otherwise: each site reads it itself.
	llvm::Value *top_at_calls;
};

// Places the resident locals in the function's frame, pushed at entry and
// popped at every return; variable-sized allocas and stacksave/stackrestore
// become pushes and resets of the data-stack top.
DataStackFrame buildDataStackFrame(llvm::Function &function,
                                   llvm::ArrayRef<llvm::AllocaInst *> resident);

// The data-stack top, right before `before`: what a site records.
llvm::Value *dataStackTop(llvm::Instruction *before);
// Sets the data-stack top, right before `before`: what a resumed frame does
// before it re-enters a call.
void setDataStackTop(llvm::Value *top, llvm::Instruction *before);

// At the end of optimization: every marker becomes plain loads and stores.
void lowerDataStackMarkers(llvm::Module &module);

} // namespace xmig

#endif
