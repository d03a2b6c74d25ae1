// One site of a source function, as defined at the start of the pipeline:
// a call that can be on the stack when a migration point fires, or a
// migration point itself (docs/site-record.md).
#ifndef XMIG_SOURCE_SITE_H
#define XMIG_SOURCE_SITE_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace llvm
{
class BasicBlock;
class CallBase;
} // namespace llvm

namespace xmig
{

struct SourceSite {
	llvm::CallBase *call; // the call, or the call of __xmig_point
	bool point;
	uint64_t id;
	uint8_t flags; // XMIG_SITE_*
	// The state variables live after the call, as indices into
	// FrameVariables::stateVariables(), ascending; with their type tags.
	llvm::SmallVector<unsigned, 16> state;
	llvm::SmallVector<uint32_t, 16> type_tags;
	// Whether a resumed frame can enter here: every live variable has a tag.
	bool resumable;
};

} // namespace xmig

#endif
