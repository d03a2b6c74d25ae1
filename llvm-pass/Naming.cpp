#include "Naming.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/GlobalValue.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace xmig
{

uint64_t stableHash(StringRef text)
{
	return xxh3_64bits(arrayRefFromStringRef(text));
}

uint64_t stableHash(StringRef text, uint64_t first, uint64_t second)
{
	std::string buffer = text.str();
	for (uint64_t number : {first, second})
		for (int byte = 0; byte < 8; byte++)
			buffer.push_back(static_cast<char>((number >> (8 * byte)) & 0xff));
	return stableHash(buffer);
}

std::string moduleKey(const Module &module)
{
	StringRef source = module.getSourceFileName();
	std::string key;
	for (char c : sys::path::filename(source))
		key.push_back(isAlnum(c) ? c : '_');
	return key + "_" + utohexstr(stableHash(source) & 0xffffffff, /*LowerCase=*/true);
}

std::string qualifiedName(const GlobalValue &value)
{
	if (!value.hasLocalLinkage())
		return value.getName().str();
	return moduleKey(*value.getParent()) + "." + value.getName().str();
}

} // namespace xmig
