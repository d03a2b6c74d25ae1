// Waits as migration points (xmig/waits.h): a call from instrumented code to
// a blocking C library function becomes a call to the runtime's wrapper in a
// loop whose back edge goes through a migration point, taken only when a
// request interrupted the wait.
#ifndef XMIG_WAIT_POINTS_H
#define XMIG_WAIT_POINTS_H

namespace llvm
{
class CallBase;
class Function;
} // namespace llvm

namespace xmig
{

// Rewrites every such call in the function.
void insertWaitPoints(llvm::Function &function);

// A call of a runtime wrapper: never a site, since a capture happens at the
// point after it returned, not inside it.
bool isWaitWrapperCall(const llvm::CallBase &call);

} // namespace xmig

#endif
