#include "Statepoints.h"

#include "DataStackFrame.h"
#include "Options.h"
#include "Sections.h"
#include "xmig/site_record.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Scalar/RewriteStatepointsForGC.h"

#include <string>

using namespace llvm;

namespace xmig
{

static constexpr const char *GCStrategy = "statepoint-example";

namespace
{

struct RecordShape {
	uint64_t innermost_id = 0;
	unsigned values = 0;
};

} // namespace

// The source frames of a record, outermost first; the statepoint's ID is the
// innermost frame's site (readers find records by return address, so copies
// of one site made by the optimizer may share it).
static std::optional<RecordShape> recordShape(const OperandBundleUse &deopt)
{
	RecordShape shape;
	size_t at = 0;
	while (at < deopt.Inputs.size()) {
		const auto *header = dyn_cast<ConstantInt>(deopt.Inputs[at]);
		const auto *id = at + 1 < deopt.Inputs.size()
		                         ? dyn_cast<ConstantInt>(deopt.Inputs[at + 1])
		                         : nullptr;
		if (!header || !id ||
		    XMIG_SITE_HEADER_MAGIC(header->getZExtValue()) != XMIG_SITE_MAGIC)
			return std::nullopt;
		unsigned count = XMIG_SITE_HEADER_COUNT(header->getZExtValue());
		shape.innermost_id = id->getZExtValue();
		shape.values += count + 1; // and the data-stack top
		at += XMIG_SITE_PREFIX_OPERANDS + 2 * size_t(count);
	}
	if (at != deopt.Inputs.size())
		return std::nullopt;
	return shape;
}

static bool prepareCalls(Function &function)
{
	LLVMContext &context = function.getContext();
	bool any_site = false;
	for (Instruction &instruction : instructions(function)) {
		auto *call = dyn_cast<CallBase>(&instruction);
		if (!call || isa<IntrinsicInst>(call))
			continue;
		std::optional<OperandBundleUse> deopt =
		        call->getOperandBundle(LLVMContext::OB_deopt);
		std::optional<RecordShape> shape;
		if (deopt)
			shape = recordShape(*deopt);
		if (!shape) {
			call->addFnAttr(Attribute::get(context, "gc-leaf-function"));
			continue;
		}
		any_site = true;
		// Its argument numbers would refer to the statepoint's operands,
		// which the verifier rejects (xmalloc-style functions carry it).
		call->removeFnAttr(Attribute::AllocSize);
		call->addFnAttr(Attribute::get(context, "statepoint-id",
		                               std::to_string(shape->innermost_id)));
		if (auto *plain = dyn_cast<CallInst>(call))
			plain->setTailCallKind(CallInst::TCK_NoTail);
	}
	return any_site;
}

PreservedAnalyses StatepointsPass::run(Module &module, ModuleAnalysisManager &analyses)
{
	lowerDataStackMarkers(module);
	for (Function &function : module)
		if (!function.isDeclaration() && prepareCalls(function))
			function.setGC(GCStrategy);
	RewriteStatepointsForGC().run(module, analyses);
	assignSections(module);
	return PreservedAnalyses::none();
}

} // namespace xmig
