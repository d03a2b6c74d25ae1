// Which calls are equivalence sites: every call that can be on the stack when
// a migration point fires. Calls to intrinsics and known library functions
// are not (migration points live only in instrumented code, and a library
// frame is never migrated); every other direct call and every indirect call is.
#ifndef XMIG_SITE_SELECTION_H
#define XMIG_SITE_SELECTION_H

namespace llvm
{
class CallBase;
class TargetLibraryInfo;
} // namespace llvm

namespace xmig
{

bool isSiteCandidate(const llvm::CallBase &call, const llvm::TargetLibraryInfo &libraries);

// A candidate that a statepoint can wrap: LLVM cannot wrap a varargs call
// that returns a value, nor a call that passes an aggregate by value.
bool canBeSite(const llvm::CallBase &call, const llvm::TargetLibraryInfo &libraries);

} // namespace xmig

#endif
