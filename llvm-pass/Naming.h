// Names and hashes that must come out the same in the x86_64 and the aarch64
// compilation of a translation unit, and differ between translation units.
#ifndef XMIG_NAMING_H
#define XMIG_NAMING_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace llvm
{
class GlobalValue;
class Module;
} // namespace llvm

namespace xmig
{

// The translation unit's key: its source file's base name, made a valid
// identifier, and a hash of the whole source path.
std::string moduleKey(const llvm::Module &module);

// External symbols keep their names (unique by the one-definition rule);
// internal ones are qualified by their module's key.
std::string qualifiedName(const llvm::GlobalValue &value);

// A 64-bit hash that is the same on every host and target.
uint64_t stableHash(llvm::StringRef text);
uint64_t stableHash(llvm::StringRef text, uint64_t first, uint64_t second = 0);

} // namespace xmig

#endif
