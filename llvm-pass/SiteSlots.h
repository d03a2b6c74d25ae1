// Live values cross a site in memory, at addresses the stack map records.
//
// A "deopt" operand tells where a *copy* of the value is at the call, not
// where the code after the call reads it from: the register allocator may
// split a value's live range, hand the statepoint a copy in a caller-saved
// register, which the backend then spills to a slot of its own, while the
// code after the call reloads its own spill slot. Rewriting the recorded slot
// then changes nothing the program reads. So every value live across a site
// is stored to a native-stack slot of its own before the call and reloaded
// from it (volatile, so that nothing forwards the store) after the call; the
// site records the slot's address, which the stack map gives as a frame
// offset, and the code can read the value from nowhere else. That is what the
// transformer reads on the source ISA, and what a resumed frame on the
// destination fills in before it continues (Resume.h). The pieces of a struct
// argument share one slot, each at its offset in the struct
// (ArgumentGroups.h).
#ifndef XMIG_SITE_SLOTS_H
#define XMIG_SITE_SLOTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace llvm
{
class AllocaInst;
class BasicBlock;
class CallBase;
class Function;
class Value;
} // namespace llvm

namespace xmig
{

struct ArgumentGroup;
struct ArgumentPiece;

struct SiteValues {
	llvm::CallBase *call;
	llvm::SmallVector<llvm::Value *, 16> values; // live across the call, all given slots
	// Filled in: the block holding only the call (with the stores before it
	// in the block above), and the block after it, which starts with the
	// reloads. Null for an invoke.
	llvm::BasicBlock *call_block = nullptr;
	llvm::BasicBlock *after_block = nullptr;
};

struct SlotPlace {
	llvm::AllocaInst *slot = nullptr;
	uint64_t offset = 0; // of a struct argument's piece in its slot
};

// Gives each value its slot (one per value, or per struct argument, shared by
// every site it is live across), stores it before each such site and reloads
// it after, and rewrites the value's later uses to the reloads. Returns where
// each value is kept.
// pieces: the live values that are bytes of a struct argument, found before
// anything here rewrote their operands.
llvm::DenseMap<llvm::Value *, SlotPlace>
keepValuesInSlots(llvm::Function &function, llvm::MutableArrayRef<SiteValues> sites,
                  llvm::ArrayRef<ArgumentGroup> groups,
                  const llvm::DenseMap<llvm::Value *, ArgumentPiece> &pieces);

} // namespace xmig

#endif
