// Resume paths: how a frame migrated from the other ISA is rebuilt by this
// ISA's own code (format and protocol: runtime/include/xmig/resume_frame.h).
//
// Each function checks __xmig_resuming on entry. When it is set, the function
// asks the runtime for its frame's record, jumps to the path of the record's
// site, stores the record's values into the site's slots, and enters the
// site's call block, where the call runs again (its callee resumes the same
// way) and the code after it reloads the slots as after any call. At a
// migration point the path goes straight to the code after the point.
#ifndef XMIG_RESUME_H
#define XMIG_RESUME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace llvm
{
class AllocaInst;
class BasicBlock;
class CallBase;
class Function;
} // namespace llvm

namespace xmig
{

struct ResumableSite {
	llvm::CallBase *call; // alone in call_block, with after_block after it
	uint64_t id;
	bool migration_point;
	llvm::SmallVector<llvm::AllocaInst *, 16> slots; // in the site record's value order
	llvm::BasicBlock *call_block;
	llvm::BasicBlock *after_block;
};

void addResumePaths(llvm::Function &function, llvm::ArrayRef<ResumableSite> sites);

} // namespace xmig

#endif
