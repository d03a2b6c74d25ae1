#include "Sections.h"

#include "Naming.h"
#include "xmig/section_names.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

// The prefix keeps the section's kind (code, read-only, data, zero-filled)
// visible to the linker, as -ffunction-sections/-fdata-sections names do.
static const char *dataPrefix(const GlobalVariable &global)
{
	if (global.isConstant())
		return XMIG_RODATA_SECTION_PREFIX;
	if (global.getInitializer()->isNullValue())
		return XMIG_BSS_SECTION_PREFIX;
	return XMIG_DATA_SECTION_PREFIX;
}

void assignSections(Module &module)
{
	for (Function &function : module) {
		if (function.isDeclaration() || function.hasSection())
			continue;
		function.setSection(XMIG_TEXT_SECTION_PREFIX + qualifiedName(function));
	}
	for (GlobalVariable &global : module.globals()) {
		if (global.isDeclaration() || global.hasSection() || global.isThreadLocal() ||
		    global.getName().starts_with("llvm."))
			continue;
		global.setSection(dataPrefix(global) + qualifiedName(global));
		// An unnamed_addr constant in its own section is emitted mergeable
		// (SHF_MERGE), and the linker would then fold it with its neighbours
		// and move it; its address must be the one xmig-align gave it.
		global.setUnnamedAddr(GlobalValue::UnnamedAddr::None);
	}
	markInstrumented(module);
}

void markInstrumented(Module &module)
{
	// llvm.ident ends up in the object's .comment section, which every ELF
	// reader shows and the linker keeps: xmig-align refuses objects without
	// the mark, which were not compiled with the plugin.
	LLVMContext &context = module.getContext();
	NamedMDNode *ident = module.getOrInsertNamedMetadata("llvm.ident");
	for (const MDNode *operand : ident->operands())
		if (operand->getNumOperands() == 1)
			if (auto *text = dyn_cast<MDString>(operand->getOperand(0)))
				if (text->getString() == XMIG_INSTRUMENTED_MARK)
					return;
	ident->addOperand(MDNode::get(context, MDString::get(context, XMIG_INSTRUMENTED_MARK)));
}

} // namespace xmig
