#include "Sites.h"

#include "ArgumentGroups.h"
#include "Liveness.h"
#include "MigrationPoints.h"
#include "Naming.h"
#include "Options.h"
#include "Resume.h"
#include "SiteSelection.h"
#include "SiteSlots.h"
#include "xmig/site_record.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>

using namespace llvm;

namespace xmig
{

static constexpr const char *SiteTagKind = "xmig.site";
static constexpr const char *GCStrategy = "statepoint-example";

static std::optional<uint64_t> siteTag(const Instruction &call)
{
	const MDNode *node = call.getMetadata(SiteTagKind);
	if (!node || node->getNumOperands() != 1)
		return std::nullopt;
	const auto *value = mdconst::dyn_extract<ConstantInt>(node->getOperand(0));
	if (!value)
		return std::nullopt;
	return value->getZExtValue();
}

PreservedAnalyses TagSitesPass::run(Module &module, ModuleAnalysisManager &analyses)
{
	auto &functions =
	        analyses.getResult<FunctionAnalysisManagerModuleProxy>(module).getManager();
	LLVMContext &context = module.getContext();
	bool changed = false;
	for (Function &function : module) {
		if (function.isDeclaration())
			continue;
		const TargetLibraryInfo &libraries =
		        functions.getResult<TargetLibraryAnalysis>(function);
		std::string name = qualifiedName(function);
		uint64_t ordinal = 0;
		for (Instruction &instruction : instructions(function)) {
			auto *call = dyn_cast<CallBase>(&instruction);
			if (!call || !isSiteCandidate(*call, libraries))
				continue;
			Metadata *tag = ConstantAsMetadata::get(ConstantInt::get(
			        Type::getInt64Ty(context), stableHash(name, ordinal++)));
			call->setMetadata(SiteTagKind, MDNode::get(context, tag));
			changed = true;
		}
	}
	return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

// The tag that lets a reader of the stack map know a value's type class and
// width, which location sizes alone do not tell (a double is an 8-byte
// d-register on aarch64 and a 16-byte xmm register on x86_64).
static std::optional<uint32_t> typeTag(Type *type, const DataLayout &layout)
{
	// A struct or array, whose bytes the stack map cannot describe piece by
	// piece in a way both ISAs share, is recorded as its bytes.
	if (type->isAggregateType()) {
		uint64_t bytes = layout.getTypeStoreSize(type).getFixedValue();
		if (bytes == 0 || bytes > XMIG_TYPE_BYTES_MAX)
			return std::nullopt;
		return XMIG_TYPE_TAG(XMIG_TYPE_BYTES, 1, 8 * bytes);
	}
	unsigned lanes = 1;
	if (auto *vector = dyn_cast<FixedVectorType>(type)) {
		lanes = vector->getNumElements();
		type = vector->getElementType();
	}
	if (lanes > 0xff)
		return std::nullopt;
	if (type->isIntegerTy() && type->getIntegerBitWidth() <= 0xffff)
		return XMIG_TYPE_TAG(XMIG_TYPE_INTEGER, lanes, type->getIntegerBitWidth());
	if (type->isHalfTy() || type->isFloatTy() || type->isDoubleTy())
		return XMIG_TYPE_TAG(XMIG_TYPE_FLOAT, lanes, type->getPrimitiveSizeInBits());
	if (type->isPointerTy())
		return XMIG_TYPE_TAG(XMIG_TYPE_POINTER, lanes, layout.getPointerSizeInBits());
	return std::nullopt;
}

namespace
{

struct Site {
	CallBase *call;
	uint64_t id;
	SmallVector<Value *, 16> live;
};

struct SiteContext {
	const DataLayout &layout;
	const DenseMap<Value *, SlotPlace> &places;
	ArrayRef<ArgumentGroup> groups;
	const DenseMap<Value *, ArgumentPiece> &pieces;
	uint64_t frame_signature;
	uint8_t function_flags;
	bool live_in_allowed;
};

// One value of a site's record: a live value, or a struct argument whose live
// pieces share the slot.
struct RecordedValue {
	uint32_t type_tag;
	AllocaInst *slot;
};

} // namespace

// The site's record values: the struct arguments that have live pieces, in
// the order of the arguments, then the other live values in their order (an
// argument's pieces come first on one ISA and late on the other, where the
// optimizer took them out of an aggregate). None for a value that cannot be
// recorded.
static SmallVector<std::optional<RecordedValue>, 16> recordedValues(const Site &site,
                                                                    const SiteContext &context)
{
	SmallVector<std::optional<RecordedValue>, 16> recorded;
	// Per struct argument: whether a piece is live, and the slot they share.
	SmallVector<std::pair<bool, AllocaInst *>, 4> groups(context.groups.size(),
	                                                     {false, nullptr});
	SmallVector<Value *, 16> others;
	for (Value *value : site.live) {
		if (auto piece = context.pieces.find(value); piece != context.pieces.end())
			groups[piece->second.group] = {true, context.places.lookup(value).slot};
		else
			others.push_back(value);
	}
	for (size_t group = 0; group < groups.size(); group++) {
		auto [live, slot] = groups[group];
		const ArgumentGroup &bytes = context.groups[group];
		if (!live)
			continue;
		if (!slot || bytes.slot_bytes > XMIG_TYPE_BYTES_MAX)
			recorded.push_back(std::nullopt);
		else
			recorded.push_back(RecordedValue{XMIG_TYPE_TAG(XMIG_TYPE_ARGUMENT + group,
			                                               1, 8 * bytes.struct_bytes),
			                                 slot});
	}
	for (Value *value : others) {
		SlotPlace place = context.places.lookup(value);
		std::optional<uint32_t> tag = typeTag(value->getType(), context.layout);
		if (!tag || !place.slot)
			recorded.push_back(std::nullopt);
		else
			recorded.push_back(RecordedValue{*tag, place.slot});
	}
	return recorded;
}

// Returns the new call; the old one stays in place, with no uses, until every
// site is rewritten.
static CallBase *makeSite(const Site &site, ArrayRef<std::optional<RecordedValue>> recorded,
                          const SiteContext &context_of_site)
{
	CallBase *call = site.call;
	LLVMContext &context = call->getContext();
	Type *int64_type = Type::getInt64Ty(context);

	uint8_t flags = context_of_site.function_flags;
	if (isMigrationPointCall(*call))
		flags |= XMIG_SITE_MIGRATION_POINT;

	SmallVector<Value *, 34> operands = {
	        nullptr, ConstantInt::get(int64_type, context_of_site.frame_signature)};
	unsigned value_count = 0;
	for (const std::optional<RecordedValue> &value : recorded) {
		if (!value) {
			flags |= XMIG_SITE_UNSUPPORTED_VALUE;
			continue;
		}
		// The slot's address: the stack map records where the value is,
		// and the code after the call reads it from there (SiteSlots.h).
		operands.push_back(ConstantInt::get(int64_type, value->type_tag));
		operands.push_back(value->slot);
		value_count++;
	}
	operands[0] = ConstantInt::get(int64_type, XMIG_SITE_HEADER(flags, value_count));

	CallBase *site_call = CallBase::addOperandBundle(call, LLVMContext::OB_deopt,
	                                                 OperandBundleDef("deopt", operands), call);
	site_call->addFnAttr(Attribute::get(context, "statepoint-id", std::to_string(site.id)));
	if (context_of_site.live_in_allowed && value_count <= LiveInLimit)
		site_call->addFnAttr(Attribute::get(context, "deopt-lowering", "live-in"));
	// A tail call on one ISA and not the other would change the stack's shape.
	if (auto *plain_call = dyn_cast<CallInst>(site_call))
		plain_call->setTailCallKind(CallInst::TCK_NoTail);

	site_call->takeName(call);
	call->replaceAllUsesWith(site_call);
	return site_call;
}

unsigned prepareSites(Function &function, const TargetLibraryInfo &libraries,
                      uint64_t frame_signature, uint8_t function_flags, bool live_in_allowed)
{
	LLVMContext &context = function.getContext();
	std::string name = qualifiedName(function);
	Liveness liveness(function);

	// Calls the optimizer created have no tag; they are numbered among
	// themselves and pair only if both ISAs created the same ones.
	const uint64_t untagged = stableHash("xmig.untagged");
	DenseMap<uint64_t, uint64_t> copies_of_tag;
	SmallVector<Site, 16> sites;
	for (Instruction &instruction : instructions(function)) {
		auto *call = dyn_cast<CallBase>(&instruction);
		if (!call || isa<IntrinsicInst>(call))
			continue;
		if (!canBeSite(*call, libraries)) {
			call->addFnAttr(Attribute::get(context, "gc-leaf-function"));
			continue;
		}
		uint64_t tag = siteTag(*call).value_or(untagged);
		uint64_t copy = copies_of_tag[tag]++;
		sites.push_back({call, stableHash(name, tag, copy), liveness.liveAcross(*call)});
	}

	const DataLayout &layout = function.getParent()->getDataLayout();
	SmallVector<SiteValues, 16> kept;
	for (const Site &site : sites) {
		SiteValues values{site.call, {}};
		// An invoke ends its block, so nothing can be reloaded after it: its
		// values stay unslotted and the site unsafe (C has no invokes).
		if (!isa<InvokeInst>(site.call))
			for (Value *value : site.live)
				if (typeTag(value->getType(), layout))
					values.values.push_back(value);
		kept.push_back(values);
	}
	ArgumentGroups groups = argumentGroups(function);
	DenseMap<Value *, ArgumentPiece> pieces;
	for (const Site &site : sites)
		for (Value *value : site.live)
			if (std::optional<ArgumentPiece> piece = pieceOf(*value, groups))
				pieces[value] = *piece;
	DenseMap<Value *, SlotPlace> places =
	        keepValuesInSlots(function, kept, groups.groups, pieces);

	const SiteContext context_of_site = {layout,         places,          groups.groups,
	                                     pieces,         frame_signature, function_flags,
	                                     live_in_allowed};
	SmallVector<ResumableSite, 16> resumable;
	for (size_t i = 0; i < sites.size(); i++) {
		const Site &site = sites[i];
		SmallVector<std::optional<RecordedValue>, 16> recorded =
		        recordedValues(site, context_of_site);
		CallBase *call = makeSite(site, recorded, context_of_site);
		// A frame can be rebuilt at a site only if every live value has a
		// slot to be handed over in.
		if (!kept[i].call_block || kept[i].values.size() != site.live.size() ||
		    is_contained(recorded, std::nullopt))
			continue;
		ResumableSite entry{call,
		                    site.id,
		                    isMigrationPointCall(*call),
		                    {},
		                    kept[i].call_block,
		                    kept[i].after_block};
		for (const std::optional<RecordedValue> &value : recorded)
			entry.slots.push_back(value->slot);
		resumable.push_back(entry);
	}
	for (const Site &site : sites)
		site.call->eraseFromParent();
	addResumePaths(function, resumable);
	if (!sites.empty())
		function.setGC(GCStrategy);
	return sites.size();
}

} // namespace xmig
