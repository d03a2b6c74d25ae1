#include "Sections.h"

#include "Naming.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

// The prefix keeps the section's kind (code, read-only, data, zero-filled)
// visible to the linker, as -ffunction-sections/-fdata-sections names do.
static const char *dataPrefix(const GlobalVariable &global)
{
	if (global.isConstant())
		return ".rodata.xmig.";
	if (global.getInitializer()->isNullValue())
		return ".bss.xmig.";
	return ".data.xmig.";
}

void assignSections(Module &module)
{
	for (Function &function : module) {
		if (function.isDeclaration() || function.hasSection())
			continue;
		function.setSection(".text.xmig." + qualifiedName(function));
	}
	for (GlobalVariable &global : module.globals()) {
		if (global.isDeclaration() || global.hasSection() || global.isThreadLocal() ||
		    global.getName().starts_with("llvm."))
			continue;
		global.setSection(dataPrefix(global) + qualifiedName(global));
	}
}

} // namespace xmig
