// Migration points: `if (__xmig_pending) __xmig_point();`, a load and a branch
// predicted not taken on the fast path. The call is an equivalence site like
// any other and is the innermost frame at capture.
#ifndef XMIG_MIGRATION_POINTS_H
#define XMIG_MIGRATION_POINTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace llvm
{
class CallBase;
class Function;
class Instruction;
class LoopInfo;
class Module;
} // namespace llvm

namespace xmig
{

// Where loop points go, chosen by the -xmig-loop-points policy; computed
// before the function changes shape.
enum class PointKind { Entry = 1, Loop = 2, Wait = 3 };

// Where points go in a function as clang emitted it: after the prologue that
// stores the arguments into their variables, and at the top of loop headers
// as the loop policy says.
llvm::Instruction *entryPointPosition(llvm::Function &function);
// calls: the calls that are sites, for the "calls" policy.
llvm::SmallVector<llvm::Instruction *, 8>
loopPointPositions(llvm::LoopInfo &loops, llvm::ArrayRef<llvm::CallBase *> calls);

// if (__xmig_pending) __xmig_point();  The call is a site like any other.
void insertMigrationPoint(llvm::Instruction &before, PointKind kind);

// The call of __xmig_point alone, for a caller that has its own condition.
void insertPointCall(llvm::Instruction &before, PointKind kind);

// Before the vectorizer: a function's entry point inlined into another is
// dropped, as its caller has points of its own; the point stays a place a
// resumed frame can enter, since its resume path is the source function's.
void dropInlinedEntryPoints(llvm::Function &function);

// Functions the user exempted: XMIG_NO_POINTS (annotate("xmig-no-points")) in
// the source, or -xmig-no-points=name,...
llvm::StringSet<> functionsWithoutPoints(const llvm::Module &module);

bool isMigrationPointCall(const llvm::Instruction &instruction);

} // namespace xmig

#endif
