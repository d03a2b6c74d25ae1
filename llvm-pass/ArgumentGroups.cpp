#include "ArgumentGroups.h"

#include "xmig/site_record.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <string>

using namespace llvm;

namespace xmig
{

// !xmig.argument.groups !{!"<function type>", !{group...}, !{piece...}}
//   group: !{i64 struct_bytes, i64 slot_bytes, i64 alignment}
//   piece: !{i64 argument_index, i64 group, i64 offset}
// The function type guards against a pass that changed the arguments since.
static constexpr const char *GroupsKind = "xmig.argument.groups";

static std::string signatureOf(const Function &function)
{
	std::string text;
	raw_string_ostream stream(text);
	function.getFunctionType()->print(stream);
	return text;
}

// Whether the holder is clang's temporary for a struct argument's pieces:
// written only by stores of arguments (at constant offsets), and read only by
// one copy into the struct's own object, which it returns. Anything else
// (the struct object itself, which the program may also copy elsewhere) is
// not one.
static MemCpyInst *copyOutOfTemporary(AllocaInst &holder)
{
	MemCpyInst *copy_out = nullptr;
	SmallVector<Value *, 4> addresses = {&holder};
	while (!addresses.empty()) {
		Value *address = addresses.pop_back_val();
		for (User *user : address->users()) {
			if (auto *step = dyn_cast<GetElementPtrInst>(user);
			    step && step->hasAllConstantIndices()) {
				addresses.push_back(step);
			} else if (auto *store = dyn_cast<StoreInst>(user);
			           store && store->getPointerOperand() == address &&
			           isa<Argument>(store->getValueOperand())) {
				continue;
			} else if (auto *copy = dyn_cast<MemCpyInst>(user);
			           copy && address == &holder && copy->getSource() == &holder &&
			           !copy_out) {
				copy_out = copy;
			} else {
				return nullptr;
			}
		}
	}
	return copy_out;
}

// The struct object an argument's piece belongs to, and the struct's size:
// the aggregate alloca the piece is stored into, or the one clang's
// temporary holding it is copied into whole.
static AllocaInst *structOf(AllocaInst &holder, uint64_t &struct_bytes)
{
	const DataLayout &layout = holder.getModule()->getDataLayout();
	if (MemCpyInst *copy = copyOutOfTemporary(holder)) {
		auto *length = dyn_cast<ConstantInt>(copy->getLength());
		auto *target = dyn_cast<AllocaInst>(copy->getDest());
		if (!length || !target || !target->getAllocatedType()->isAggregateType() ||
		    copy->getParent() != holder.getParent())
			return nullptr;
		struct_bytes = length->getZExtValue();
		return target;
	}
	if (!holder.getAllocatedType()->isAggregateType())
		return nullptr;
	struct_bytes = layout.getTypeAllocSize(holder.getAllocatedType()).getFixedValue();
	return &holder;
}

static MDNode *integers(LLVMContext &context, ArrayRef<uint64_t> values)
{
	SmallVector<Metadata *, 3> operands;
	for (uint64_t value : values)
		operands.push_back(ConstantAsMetadata::get(
		        ConstantInt::get(Type::getInt64Ty(context), value)));
	return MDNode::get(context, operands);
}

static bool markGroups(Function &function)
{
	LLVMContext &context = function.getContext();
	const DataLayout &layout = function.getParent()->getDataLayout();
	BasicBlock &entry = function.getEntryBlock();
	DenseMap<AllocaInst *, unsigned> group_of_struct;
	SmallVector<ArgumentGroup, 4> groups;
	SmallVector<Metadata *, 8> pieces;
	for (Argument &argument : function.args()) {
		if (!argument.hasOneUse())
			continue;
		auto *store = dyn_cast<StoreInst>(*argument.user_begin());
		if (!store || store->getValueOperand() != &argument || store->getParent() != &entry)
			continue;
		APInt offset(layout.getIndexTypeSizeInBits(store->getPointerOperandType()), 0);
		auto *holder = dyn_cast<AllocaInst>(
		        store->getPointerOperand()->stripAndAccumulateConstantOffsets(
		                layout, offset, true));
		uint64_t struct_bytes = 0;
		AllocaInst *object = holder ? structOf(*holder, struct_bytes) : nullptr;
		if (!object || offset.isNegative())
			continue;

		// Each group's record tag carries its ordinal (xmig/site_record.h).
		if (!group_of_struct.count(object) &&
		    groups.size() > XMIG_TYPE_ARGUMENT_LAST - XMIG_TYPE_ARGUMENT)
			continue;
		auto [found, added] = group_of_struct.try_emplace(object, groups.size());
		if (added)
			groups.push_back({struct_bytes, struct_bytes, 8});
		ArgumentGroup &group = groups[found->second];
		Type *type = argument.getType();
		uint64_t end =
		        offset.getZExtValue() + layout.getTypeStoreSize(type).getFixedValue();
		group.slot_bytes = std::max(group.slot_bytes, end);
		group.alignment =
		        std::max<uint64_t>(group.alignment, layout.getABITypeAlign(type).value());
		pieces.push_back(integers(
		        context, {argument.getArgNo(), found->second, offset.getZExtValue()}));
	}
	if (groups.empty())
		return false;

	SmallVector<Metadata *, 4> group_nodes;
	for (ArgumentGroup &group : groups) {
		group.slot_bytes = alignTo(group.slot_bytes, group.alignment);
		group_nodes.push_back(
		        integers(context, {group.struct_bytes, group.slot_bytes, group.alignment}));
	}
	function.setMetadata(GroupsKind,
	                     MDNode::get(context, {MDString::get(context, signatureOf(function)),
	                                           MDNode::get(context, group_nodes),
	                                           MDNode::get(context, pieces)}));
	return true;
}

PreservedAnalyses ArgumentGroupsPass::run(Module &module, ModuleAnalysisManager &)
{
	bool changed = false;
	for (Function &function : module)
		if (!function.isDeclaration())
			changed |= markGroups(function);
	// Only metadata was added.
	return changed ? PreservedAnalyses::allInSet<CFGAnalyses>() : PreservedAnalyses::all();
}

static uint64_t integerAt(const MDNode &node, unsigned index)
{
	return mdconst::extract<ConstantInt>(node.getOperand(index))->getZExtValue();
}

ArgumentGroups argumentGroups(const Function &function)
{
	ArgumentGroups result;
	const MDNode *node = function.getMetadata(GroupsKind);
	if (!node || node->getNumOperands() != 3)
		return result;
	const auto *signature = dyn_cast<MDString>(node->getOperand(0));
	if (!signature || signature->getString() != signatureOf(function))
		return result;
	for (const MDOperand &operand : cast<MDNode>(node->getOperand(1))->operands()) {
		const auto &group = *cast<MDNode>(operand);
		result.groups.push_back(
		        {integerAt(group, 0), integerAt(group, 1), integerAt(group, 2)});
	}
	for (const MDOperand &operand : cast<MDNode>(node->getOperand(2))->operands()) {
		const auto &piece = *cast<MDNode>(operand);
		result.pieces[function.getArg(integerAt(piece, 0))] = {
		        (unsigned)integerAt(piece, 1), integerAt(piece, 2)};
	}
	return result;
}

// The byte offset of an extractvalue's or insertvalue's element in its
// aggregate.
static uint64_t elementOffset(Type *aggregate, ArrayRef<unsigned> indices, const DataLayout &layout)
{
	uint64_t offset = 0;
	Type *type = aggregate;
	for (unsigned index : indices) {
		if (auto *structure = dyn_cast<StructType>(type)) {
			offset += layout.getStructLayout(structure)->getElementOffset(index);
			type = structure->getElementType(index);
		} else {
			type = cast<ArrayType>(type)->getElementType();
			offset += index * layout.getTypeAllocSize(type).getFixedValue();
		}
	}
	return offset;
}

// Whether an inserted element is the aggregate's own element at that place,
// unchanged over the bytes that belong to the struct: clang rebuilds a struct
// argument for a call by masking the padding off its last element.
static bool isOwnElement(const Value &element, const InsertValueInst &insert, uint64_t offset,
                         uint64_t struct_bytes)
{
	const Value *source = &element;
	if (const auto *masked = dyn_cast<BinaryOperator>(&element);
	    masked && masked->getOpcode() == Instruction::And) {
		const auto *mask = dyn_cast<ConstantInt>(masked->getOperand(1));
		if (!mask || offset >= struct_bytes)
			return false;
		uint64_t kept_bits = 8 * std::min<uint64_t>(struct_bytes - offset, 8);
		if (mask->getValue().countr_one() < kept_bits)
			return false;
		source = masked->getOperand(0);
	}
	const auto *extract = dyn_cast<ExtractValueInst>(source);
	return extract && extract->getAggregateOperand() == insert.getAggregateOperand() &&
	       extract->getIndices() == insert.getIndices();
}

std::optional<ArgumentPiece> pieceOf(const Value &value, const ArgumentGroups &groups)
{
	if (groups.pieces.empty())
		return std::nullopt;
	if (const auto *argument = dyn_cast<Argument>(&value)) {
		auto found = groups.pieces.find(argument);
		if (found == groups.pieces.end())
			return std::nullopt;
		return found->second;
	}
	const auto *instruction = dyn_cast<Instruction>(&value);
	if (!instruction)
		return std::nullopt;
	const DataLayout &layout = instruction->getModule()->getDataLayout();
	std::optional<ArgumentPiece> piece;
	if (const auto *extract = dyn_cast<ExtractValueInst>(instruction)) {
		piece = pieceOf(*extract->getAggregateOperand(), groups);
		if (piece)
			piece->offset += elementOffset(extract->getAggregateOperand()->getType(),
			                               extract->getIndices(), layout);
	} else if (const auto *insert = dyn_cast<InsertValueInst>(instruction)) {
		piece = pieceOf(*insert->getAggregateOperand(), groups);
		if (piece) {
			uint64_t offset =
			        piece->offset +
			        elementOffset(insert->getType(), insert->getIndices(), layout);
			if (!isOwnElement(*insert->getInsertedValueOperand(), *insert, offset,
			                  groups.groups[piece->group].struct_bytes))
				return std::nullopt;
		}
	} else if (const auto *cast = dyn_cast<BitCastInst>(instruction)) {
		piece = pieceOf(*cast->getOperand(0), groups);
	} else if (const auto *truncate = dyn_cast<TruncInst>(instruction);
	           truncate && truncate->getType()->isIntegerTy()) {
		const Value *wide = truncate->getOperand(0);
		uint64_t shift = 0;
		if (const auto *shifted = dyn_cast<BinaryOperator>(wide);
		    shifted && shifted->getOpcode() == Instruction::LShr) {
			const auto *amount = dyn_cast<ConstantInt>(shifted->getOperand(1));
			if (!amount || amount->getZExtValue() % 8 != 0)
				return std::nullopt;
			shift = amount->getZExtValue();
			wide = shifted->getOperand(0);
		}
		if (shift + truncate->getType()->getIntegerBitWidth() >
		    wide->getType()->getIntegerBitWidth())
			return std::nullopt;
		piece = pieceOf(*wide, groups);
		if (piece)
			piece->offset += shift / 8;
	}
	if (!piece)
		return std::nullopt;
	// A piece is stored whole bytes at a time into the slot it shares with
	// the others: an i1 or an i12 would overwrite its neighbours' bits.
	if (layout.getTypeSizeInBits(value.getType()) !=
	    layout.getTypeStoreSizeInBits(value.getType()))
		return std::nullopt;
	uint64_t end = piece->offset + layout.getTypeStoreSize(value.getType()).getFixedValue();
	if (end > groups.groups[piece->group].slot_bytes)
		return std::nullopt;
	return piece;
}

} // namespace xmig
