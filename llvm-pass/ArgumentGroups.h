// Struct arguments, seen as the struct's bytes on both ISAs.
//
// Each ISA's ABI passes a small C struct by value in its own pieces: on
// x86_64, struct {int a, b, c;} arrives as (i64, i32) and struct {double re,
// im;} as (double, double); on aarch64 both arrive as one array argument
// ([2 x i64], [2 x double]). Live across a site, those pieces would be
// different values on the two ISAs, and the site would pair on neither. What
// is the same on both is the struct's bytes. Clang's own prologue tells which
// arguments make up which struct: it stores them into the struct's stack
// object, directly or through a temporary that it copies in. So at the start
// of the pipeline, before anything rewrites the prologue, each function is
// marked with its groups; at the end, a site keeps a group's live pieces in
// one slot, at their offsets in the struct, and records the slot as the
// struct's bytes.
#ifndef XMIG_ARGUMENT_GROUPS_H
#define XMIG_ARGUMENT_GROUPS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <optional>

namespace llvm
{
class Argument;
class Function;
class Value;
} // namespace llvm

namespace xmig
{

class ArgumentGroupsPass : public llvm::PassInfoMixin<ArgumentGroupsPass>
{
      public:
	llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);
};

struct ArgumentPiece {
	unsigned group;
	uint64_t offset; // in the struct
};

struct ArgumentGroup {
	uint64_t struct_bytes; // what the site records
	uint64_t slot_bytes;   // at least struct_bytes: a piece may reach past the struct
	uint64_t alignment;
};

struct ArgumentGroups {
	llvm::DenseMap<const llvm::Argument *, ArgumentPiece> pieces;
	llvm::SmallVector<ArgumentGroup, 4> groups;
};

// The function's groups as marked at the start of the pipeline; none if it
// was not marked, or if its signature has changed since.
ArgumentGroups argumentGroups(const llvm::Function &function);

// Whether the value is bytes of a struct argument, at the same place as in
// the struct: a piece itself, or what the optimizer takes out of one
// (extractvalue; trunc, after lshr by whole bytes; bitcast) or puts back
// together (insertvalue of the struct's own element, masked to the struct's
// bytes).
// Both ISAs are little-endian.
std::optional<ArgumentPiece> pieceOf(const llvm::Value &value, const ArgumentGroups &groups);

} // namespace xmig

#endif
