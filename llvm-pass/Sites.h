// Equivalence sites: their stable IDs and their statepoint form.
//
// A site's ID must come out the same in the x86_64 and the aarch64
// compilation although their IR diverges during optimization. So each
// candidate call is tagged at the start of the pipeline, before anything
// target-dependent runs, with a hash of its function and position; at the end
// the ID combines the enclosing function, that tag, and the copy's index among
// calls with the same tag (inlining and unrolling copy tags).
#ifndef XMIG_SITES_H
#define XMIG_SITES_H

#include "llvm/IR/PassManager.h"

#include <cstdint>

namespace llvm
{
class TargetLibraryInfo;
}

namespace xmig
{

class TagSitesPass : public llvm::PassInfoMixin<TagSitesPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);
};

// Turns every site of the function into a call carrying its live values in a
// "deopt" bundle (format: xmig/site_record.h) with its ID and lowering in call
// attributes, ready for RewriteStatepointsForGC; marks every other call a GC
// leaf so that it stays a plain call. Returns the number of sites.
// live_in_allowed: whether small sites may keep their values in registers
// (not at -O0, whose fast register allocator cannot satisfy that).
unsigned prepareSites(llvm::Function &function, const llvm::TargetLibraryInfo &libraries,
                      uint64_t frame_signature, uint8_t function_flags, bool live_in_allowed);

} // namespace xmig

#endif
