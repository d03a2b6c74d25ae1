// Structs larger than 16 bytes passed or returned by value. x86_64 passes
// them in memory: a copy in the callee's argument area on the native stack
// (byval), and a result written through a pointer to a caller's temporary
// (sret). aarch64 passes one with up to four float or double members (a
// homogeneous floating-point aggregate, HFA) in registers, both ways, and any
// other such struct as a pointer to a copy the caller makes. Left as they
// are, the two ISAs would keep different locals in their frames, and x86_64's
// callee a native-stack address. So at the start of the pipeline x86_64's
// calls between instrumented functions are made the way aarch64 makes them:
// - an HFA argument stays byval, and the callee copies it into a local of its
//   own, as aarch64's callee stores its registers into one;
// - an HFA result is returned as a value (the backend demotes it to a hidden
//   pointer to the native stack, which a resumed call re-creates);
// - any other struct argument is copied by the caller into a local (unless it
//   is already a temporary nothing else reads, as clang does for aarch64)
//   whose address it passes; the callee takes a pointer.
// And aarch64's va_list, a struct passed by value (copied by the caller, and
// again by the callee), is passed as x86_64 passes its own, an array: as a
// pointer to the caller's.
#ifndef XMIG_BY_VALUE_ARGUMENTS_H
#define XMIG_BY_VALUE_ARGUMENTS_H

namespace llvm
{
class Module;
}

namespace xmig
{

void passByValueAsPointers(llvm::Module &module);

} // namespace xmig

#endif
