#include "Diagnostics.h"

#include "JumpBuffers.h"
#include "xmig/site_record.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace xmig
{

static void warn(const Function &function, const Twine &message, const DebugLoc &location)
{
	function.getContext().diagnose(
	        DiagnosticInfoUnsupported(function, "xmig: " + message, location, DS_Warning));
}

// The function's name in the source: main was renamed at the start.
static std::string sourceName(const Function &function)
{
	return function.getName() == "__xmig_main" ? "main" : function.getName().str();
}

static bool isLongDouble(const Type *type)
{
	return type->isX86_FP80Ty() || type->isFP128Ty() || type->isPPC_FP128Ty();
}

static bool isThreadCreation(StringRef callee)
{
	return callee == "pthread_create" || callee == "thrd_create" || callee == "clone" ||
	       callee == "clone3";
}

static uint8_t diagnoseCall(const Function &function, const CallBase &call)
{
	if (call.isInlineAsm()) {
		warn(function,
		     "inline assembly cannot migrate; frames of '" + sourceName(function) +
		             "' will not be migrated",
		     call.getDebugLoc());
		return XMIG_SITE_USES_INLINE_ASM;
	}
	if (const auto *intrinsic = dyn_cast<IntrinsicInst>(&call)) {
		switch (intrinsic->getIntrinsicID()) {
		case Intrinsic::vastart:
			warn(function,
			     "va_start keeps native-stack addresses; frames of '" +
			             sourceName(function) + "' will not be migrated",
			     call.getDebugLoc());
			return XMIG_SITE_USES_VA_START;
		case Intrinsic::frameaddress:
		case Intrinsic::returnaddress:
			warn(function,
			     "__builtin_frame_address/__builtin_return_address differ "
			     "between ISAs; frames of '" +
			             sourceName(function) + "' will not be migrated",
			     call.getDebugLoc());
			return XMIG_SITE_USES_FRAME_ADDR;
		default:
			return 0;
		}
	}
	if (call.hasFnAttr(Attribute::ReturnsTwice) && !isPortableSetjmp(call)) {
		const Function *callee = call.getCalledFunction();
		std::string name = callee ? "'" + callee->getName().str() + "'" : "a function";
		warn(function,
		     name +
		             " returns twice with native-stack addresses saved where xmig cannot "
		             "rebuild them (only the setjmp of xmig-cc's <setjmp.h> migrates); "
		             "frames of '" +
		             sourceName(function) + "' will not be migrated",
		     call.getDebugLoc());
		return XMIG_SITE_USES_SETJMP;
	}
	const Function *callee = call.getCalledFunction();
	if (callee && isThreadCreation(callee->getName()))
		warn(function,
		     "'" + callee->getName() +
		             "' creates a thread; xmig migrates single-threaded programs only",
		     call.getDebugLoc());
	return 0;
}

uint8_t diagnoseFunction(Function &function)
{
	uint8_t flags = 0;
	bool reported_long_double = false;
	auto check_long_double = [&](const Type *type, const DebugLoc &location) {
		if (reported_long_double || !isLongDouble(type))
			return;
		reported_long_double = true;
		warn(function,
		     "long double has a different format on each ISA; sites where one "
		     "is live will not be migrated",
		     location);
	};

	for (const Argument &argument : function.args())
		check_long_double(argument.getType(), DebugLoc());
	for (Instruction &instruction : instructions(function)) {
		check_long_double(instruction.getType(), instruction.getDebugLoc());
		if (const auto *call = dyn_cast<CallBase>(&instruction))
			flags |= diagnoseCall(function, *call);
	}
	return flags;
}

void diagnoseModule(Module &module)
{
	// Reported where the variable is used: that is where its value would be
	// lost, and where the source location points.
	for (GlobalVariable &global : module.globals()) {
		if (!global.isThreadLocal())
			continue;
		SmallPtrSet<const Function *, 4> reported;
		for (const User *user : global.users()) {
			const auto *instruction = dyn_cast<Instruction>(user);
			if (!instruction || !reported.insert(instruction->getFunction()).second)
				continue;
			warn(*instruction->getFunction(),
			     "thread-local variable '" + global.getName() +
			             "' does not migrate; xmig migrates single-threaded programs "
			             "only",
			     instruction->getDebugLoc());
		}
	}
}

} // namespace xmig

namespace xmig
{

void warnPerIsaLocal(Function &function, Type &local, const DebugLoc &where)
{
	std::string type;
	raw_string_ostream out(type);
	local.print(out, false, true);
	warn(function,
	     "a local of type " + out.str() +
	             ", whose layout differs between x86_64 and aarch64, is live across "
	             "calls; frames of '" +
	             sourceName(function) + "' will not migrate to the other ISA while it is",
	     where);
}

} // namespace xmig
