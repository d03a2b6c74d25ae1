#include "SiteSelection.h"

#include "WaitPoints.h"

#include "xmig/jump_buffer.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstrTypes.h"

using namespace llvm;

namespace xmig
{

bool isSiteCandidate(const CallBase &call, const TargetLibraryInfo &libraries)
{
	// A call that returns twice (setjmp) has returned when a point fires;
	// xmig's longjmp calls nothing instrumented.
	if (call.isInlineAsm() || call.hasFnAttr(Attribute::ReturnsTwice))
		return false;
	const Function *callee = call.getCalledFunction();
	if (callee && callee->getName() == XMIG_LONGJMP_SYMBOL)
		return false;
	// A wait's wrapper has returned when its point fires.
	if (isWaitWrapperCall(call))
		return false;
	if (!callee)
		return true;
	if (callee->isIntrinsic())
		return false;
	LibFunc library_function;
	if (callee->isDeclaration() && libraries.getLibFunc(*callee, library_function) &&
	    libraries.has(library_function))
		return false;
	return true;
}

bool canBeSite(const CallBase &call, const TargetLibraryInfo &libraries)
{
	if (!isSiteCandidate(call, libraries))
		return false;
	const FunctionType *type = call.getFunctionType();
	if (type->isVarArg() && !type->getReturnType()->isVoidTy())
		return false;
	return true;
}

} // namespace xmig
