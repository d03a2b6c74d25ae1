// Migration points: `if (__xmig_pending) __xmig_point();`, a load and a branch
// predicted not taken on the fast path. The call is an equivalence site like
// any other and is the innermost frame at capture.
#ifndef XMIG_MIGRATION_POINTS_H
#define XMIG_MIGRATION_POINTS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace llvm
{
class Function;
class Instruction;
class LoopInfo;
class Module;
} // namespace llvm

namespace xmig
{

// Where loop points go, chosen by the -xmig-loop-points policy; computed
// before the function changes shape.
llvm::SmallVector<llvm::Instruction *, 8> loopPointPositions(llvm::LoopInfo &loops);

void insertMigrationPoint(llvm::Instruction &before);

// Functions the user exempted: XMIG_NO_POINTS (annotate("xmig-no-points")) in
// the source, or -xmig-no-points=name,...
llvm::StringSet<> functionsWithoutPoints(const llvm::Module &module);

bool isMigrationPointCall(const llvm::Instruction &instruction);

} // namespace xmig

#endif
