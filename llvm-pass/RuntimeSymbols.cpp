#include "RuntimeSymbols.h"

#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace xmig
{

GlobalVariable *runtimeGlobal(Module &module, StringRef name, Type *type)
{
	auto *global = cast<GlobalVariable>(module.getOrInsertGlobal(name, type));
	if (global->isDeclaration() &&
	    (module.getPICLevel() == PICLevel::NotPIC || module.getPIELevel() != PIELevel::Default))
		global->setDSOLocal(true);
	return global;
}

} // namespace xmig
