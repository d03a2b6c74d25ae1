#include "Options.h"

using namespace llvm;

namespace xmig
{

cl::opt<bool> EntryPoints("xmig-entry-points", cl::init(true),
                          cl::desc("Put a migration point at every instrumented function's entry"));

cl::opt<LoopPointPolicy> LoopPoints(
        "xmig-loop-points", cl::init(LoopPointPolicy::Calls),
        cl::desc("Put migration points in loop headers as well"),
        cl::values(clEnumValN(LoopPointPolicy::None, "none", "no loop points"),
                   clEnumValN(LoopPointPolicy::Calls, "calls", "loops that make a call"),
                   clEnumValN(LoopPointPolicy::Bounded, "bounded",
                              "every loop but the innermost call-free loops inside "
                              "another loop"),
                   clEnumValN(LoopPointPolicy::Innermost, "innermost", "innermost loops only"),
                   clEnumValN(LoopPointPolicy::All, "all", "every loop")));

cl::opt<bool> LeafEntryPoints(
        "xmig-leaf-entry-points", cl::init(false),
        cl::desc("Entry points also in functions that call nothing the plugin instruments"));

cl::list<std::string> NoPointFunctions(
        "xmig-no-points", cl::CommaSeparated,
        cl::desc("Functions that get no migration points (also: XMIG_NO_POINTS in xmig.h)"));

} // namespace xmig
