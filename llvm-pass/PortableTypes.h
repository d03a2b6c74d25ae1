// glibc types whose size differs between x86_64 and aarch64 (../shared/
// DESIGN.md 4.6): a local of one gets, in the data-stack frame, the larger
// of its two sizes and alignments, so that the frame has one layout on both
// ISAs. Its bytes still mean different things on each, so a site where such
// a local is live is unsafe (XMIG_SITE_PER_ISA_LOCAL).
#ifndef XMIG_PORTABLE_TYPES_H
#define XMIG_PORTABLE_TYPES_H

#include "llvm/Support/Alignment.h"

#include <cstdint>

namespace llvm
{
class DataLayout;
class Type;
} // namespace llvm

namespace xmig
{

struct PortableLayout {
	uint64_t size;
	llvm::Align alignment;
	bool per_isa; // holds a type whose layout differs between the ISAs
};

PortableLayout portableLayout(llvm::Type *type, const llvm::DataLayout &layout);

} // namespace xmig

#endif
