// The source frame each site records (format: xmig/site_record.h): its ID,
// the types of its state, the function's frame signature, and the deopt
// bundle that carries it all through the optimizer to the stack map.
#ifndef XMIG_SITE_RECORDS_H
#define XMIG_SITE_RECORDS_H

#include "SourceSite.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace llvm
{
class AllocaInst;
class Value;
class CallBase;
class DataLayout;
class Function;
class Type;
} // namespace llvm

namespace xmig
{

// What a reader needs to know of a value besides its bytes; none for a type
// no tag describes (long double, whose format differs between the ISAs).
std::optional<uint32_t> typeTag(llvm::Type *type, const llvm::DataLayout &layout);

// hash(function, ordinal among the function's sites, callee): the callee
// makes two compilations that disagree on which calls are sites disagree on
// the IDs too, rather than on what they mean.
uint64_t siteId(const llvm::Function &function, unsigned ordinal, const llvm::CallBase &call);

// A hash of the frame layout and of every site of the function with the
// types of its state: any difference between the ISAs in either makes every
// site of the function unpaired.
uint64_t frameSignature(const llvm::Function &function, const std::string &layout_description,
                        llvm::ArrayRef<SourceSite> sites);

// -xmig-print-frames: each function's frame and sites go to stderr.
bool printingFrames();

// Attaches the site's deopt bundle: its source frame, the state's values
// loaded from their variables right before the call. Replaces site.call.
// top: the data-stack top at the call, or NULL to read it right before.
void attachRecord(SourceSite &site, llvm::ArrayRef<llvm::AllocaInst *> variables,
                  uint64_t frame_signature, llvm::Value *top);

} // namespace xmig

#endif
