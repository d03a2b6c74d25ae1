// The paths by which a migrated frame is rebuilt on the destination
// (xmig/resume_frame.h), added at the start of the pipeline so that the
// optimizer makes them as correct as the rest of the function:
//
//   entry:  data-stack prologue; if (__xmig_resuming) goto resume
//   resume: record = __xmig_resume_frame(); switch (record->site_id)
//   site k: store record values into the state variables; set the
//           data-stack top; enter the site
//
// A site inside loops is entered through each loop's header in turn (a
// check of a local "resume target" at the top of the header), so every loop
// keeps a single entry and stays a loop the optimizer can transform. A call
// site is entered at its call, which runs again with arguments its callee
// ignores (it resumes from its own record); a migration point is entered
// right after the point.
#ifndef XMIG_RESUME_PATHS_H
#define XMIG_RESUME_PATHS_H

#include "JumpBuffers.h"
#include "SourceSite.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace llvm
{
class AllocaInst;
class Function;
class Instruction;
} // namespace llvm

namespace xmig
{

// body_start: the first instruction after the data-stack prologue. The
// refusal of a record for a site the function lacks carries a record of its
// own (XMIG_SITE_RESUME_PATHS, with the frame signature), so that every copy
// of these paths that the optimizer keeps says which function it resumes.
// A frame that is re-entered first arms again the buffers of its setjmp
// calls (JumpBuffers.h) that still name it.
void addResumePaths(llvm::Function &function, llvm::ArrayRef<SourceSite> sites,
                    llvm::ArrayRef<llvm::AllocaInst *> variables, llvm::Instruction *body_start,
                    uint64_t frame_signature, const ArmingSlots &arming);

} // namespace xmig

#endif
