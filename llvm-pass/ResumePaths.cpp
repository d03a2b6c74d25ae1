#include "ResumePaths.h"

#include "DataStackFrame.h"
#include "JumpBuffers.h"
#include "Naming.h"
#include "RuntimeSymbols.h"
#include "xmig/jump_buffer.h"
#include "xmig/resume_frame.h"
#include "xmig/site_record.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

#include <algorithm>
#include <cstddef>
#include <deque>

using namespace llvm;

namespace xmig
{

static constexpr const char *ResumingFlag = "__xmig_resuming";
static constexpr const char *ResumeFrame = "__xmig_resume_frame";
static constexpr const char *ResumeMismatch = "__xmig_resume_mismatch";
static constexpr const char *ResumeArgument = "__xmig_resume_argument";

namespace
{

struct Entry {
	const SourceSite *site;
	unsigned index;     // 1-based: 0 means "not resuming" in the target variable
	BasicBlock *target; // entered with the variables restored
	// The headers of the loops containing target, outermost first.
	SmallVector<BasicBlock *, 4> loops;
	// For a call of setjmp entered to arm its buffer again: the slot
	// (JumpBuffers.h) that names the buffer; null for a site.
	Value *arming_slot = nullptr;
};

class Builder
{
      public:
	Builder(Function &function, ArrayRef<AllocaInst *> variables, const ArmingSlots &arming)
	    : function_(function), module_(*function.getParent()), context_(function.getContext()),
	      variables_(variables), arming_(arming), int8_(Type::getInt8Ty(context_)),
	      int32_(Type::getInt32Ty(context_)), int64_(Type::getInt64Ty(context_)),
	      pointer_(PointerType::getUnqual(context_))
	{
	}

	void build(ArrayRef<SourceSite> sites, Instruction *body_start, uint64_t frame_signature);

      private:
	BasicBlock *splitEntry(Instruction *body_start);
	Value *dummyArgument(CallBase &call, unsigned index);
	void prepareCall(Entry &entry);
	void addRouters(ArrayRef<Entry> entries);
	BasicBlock *edgeInto(const Entry &entry, BasicBlock *from);
	AllocaInst *newVariable(Type *type, const Twine &name);
	BasicBlock *addArmingChain(ArrayRef<Entry> entries, size_t first_arming, BasicBlock *body);
	void enterEntry(const Entry &entry, BasicBlock *from);

	Function &function_;
	Module &module_;
	LLVMContext &context_;
	ArrayRef<AllocaInst *> variables_;
	const ArmingSlots &arming_;
	// The setjmp calls entered to arm their buffers again, as sites of
	// their own for prepareCall and the routers (never recorded).
	std::deque<SourceSite> arming_sites_;
	AllocaInst *arming_variable_ = nullptr; // which setjmp a resumed frame is arming (1-based)
	AllocaInst *entry_variable_ = nullptr;  // which entry it heads for once armed (1-based)
	Type *int8_, *int32_, *int64_;
	PointerType *pointer_;
	AllocaInst *target_variable_ = nullptr; // which entry a resumed frame heads for
	AllocaInst *callee_variable_ = nullptr; // the callee of a re-entered indirect call
	// Per call site entry: its arguments' phis, which get the dummies.
	DenseMap<const SourceSite *, SmallVector<std::pair<PHINode *, Value *>, 4>> argument_phis_;
	DenseMap<const SourceSite *, PHINode *> callee_phis_;
};

} // namespace

AllocaInst *Builder::newVariable(Type *type, const Twine &name)
{
	BasicBlock &entry = function_.getEntryBlock();
	const DataLayout &layout = module_.getDataLayout();
	return new AllocaInst(type, layout.getAllocaAddrSpace(), nullptr, name, &*entry.begin());
}

// What an argument gets when the call runs again: nothing the callee looks
// at, since it resumes from its own record, but a value its parameter's
// attributes allow (passing poison, or null to a nonnull parameter, would let
// the optimizer drop the path as unreachable). Pointers point at a
// runtime-owned area, which also serves byval copies that fit in it.
Value *Builder::dummyArgument(CallBase &call, unsigned index)
{
	Value *argument = call.getArgOperand(index);
	Type *byval = call.getParamByValType(index);
	const DataLayout &layout = module_.getDataLayout();
	uint64_t needed = byval ? layout.getTypeAllocSize(byval).getFixedValue()
	                        : call.getParamDereferenceableBytes(index);
	MaybeAlign alignment = call.getParamAlign(index);
	if (Function *callee = call.getCalledFunction(); callee && index < callee->arg_size()) {
		needed = std::max(needed, callee->getParamDereferenceableBytes(index));
		if (MaybeAlign own = callee->getParamAlign(index);
		    own && (!alignment || *own > *alignment))
			alignment = own;
	}
	if (!argument->getType()->isPointerTy())
		return Constant::getNullValue(argument->getType());
	if (needed > XMIG_RESUME_ARGUMENT_SIZE ||
	    (alignment && alignment->value() > XMIG_RESUME_ARGUMENT_ALIGNMENT)) {
		Type *space = ArrayType::get(int8_, needed);
		BasicBlock &entry = function_.getEntryBlock();
		return new AllocaInst(space, layout.getAllocaAddrSpace(), nullptr,
		                      alignment.valueOrOne(), "xmig.resume.argument",
		                      &*entry.begin());
	}
	return runtimeGlobal(module_, ResumeArgument,
	                     ArrayType::get(int8_, XMIG_RESUME_ARGUMENT_SIZE));
}

// The call starts a block of its own, with the loads of its record (which a
// resumed frame runs too, after restoring the variables they read), and its
// arguments come through phis: the real ones on the way in, the dummies on a
// resumed frame's way in.
void Builder::prepareCall(Entry &entry)
{
	CallBase &call = *entry.site->call;
	// The loads of the record sit right before the call (SiteRecords.h).
	std::optional<OperandBundleUse> record = call.getOperandBundle(LLVMContext::OB_deopt);
	Instruction *record_start = &call;
	while (Instruction *previous = record_start->getPrevNode()) {
		if (!record || !is_contained(record->Inputs, previous))
			break;
		record_start = previous;
	}
	BasicBlock *before = call.getParent();
	BasicBlock *block = before->splitBasicBlock(record_start, before->getName() + ".xmig.call");
	entry.target = block;
	auto needs_phi = [&](Value *value) {
		auto *instruction = dyn_cast<Instruction>(value);
		return instruction && instruction->getParent() != &function_.getEntryBlock();
	};
	Value *callee = call.getCalledOperand();
	if (!isa<Function>(callee) && needs_phi(callee)) {
		PHINode *phi =
		        PHINode::Create(callee->getType(), 2, "xmig.callee", &*block->begin());
		phi->addIncoming(callee, before);
		call.setCalledOperand(phi);
		callee_phis_[entry.site] = phi;
	}
	for (unsigned i = 0; i < call.arg_size(); i++) {
		Value *argument = call.getArgOperand(i);
		if (!needs_phi(argument))
			continue;
		Value *dummy = dummyArgument(call, i);
		PHINode *phi =
		        PHINode::Create(argument->getType(), 2, "xmig.argument", &*block->begin());
		phi->addIncoming(argument, before);
		call.setArgOperand(i, phi);
		argument_phis_[entry.site].push_back({phi, dummy});
	}
}

// The edge by which a resumed frame enters the site: it forgets the resume
// target, and gives the call's phis their dummies.
BasicBlock *Builder::edgeInto(const Entry &entry, BasicBlock *from)
{
	BasicBlock *edge = BasicBlock::Create(context_, "xmig.resume.enter", &function_);
	IRBuilder<> builder(edge);
	if (target_variable_ && !entry.loops.empty())
		builder.CreateStore(builder.getInt32(0), target_variable_);
	for (auto [phi, dummy] : argument_phis_.lookup(entry.site)) {
		Value *value = dummy;
		// setjmp runs again on the buffer its slot names (and keeps the
		// mask saved in it: the runtime's rearming flag says so).
		if (entry.arming_slot && phi == entry.site->call->getArgOperand(0)) {
			value = builder.CreateLoad(pointer_, entry.arming_slot,
			                           "xmig.setjmp.buffer");
		}
		phi->addIncoming(value, edge);
	}
	if (PHINode *phi = callee_phis_.lookup(entry.site))
		phi->addIncoming(
		        builder.CreateLoad(pointer_, callee_variable_, "xmig.frame.callee"), edge);
	builder.CreateBr(entry.target);
	(void)from;
	return edge;
}

// A block that gets a new predecessor keeps its phis well formed: the
// resumed frame does not use their values, which were live nowhere past a
// site (FrameVariables made every such value a variable).
static void addPoisonIncoming(BasicBlock *block, BasicBlock *from)
{
	for (PHINode &phi : block->phis())
		phi.addIncoming(PoisonValue::get(phi.getType()), from);
}

void Builder::addRouters(ArrayRef<Entry> entries)
{
	// Per loop, in first-use order: the entries that pass through it.
	SmallVector<BasicBlock *, 8> loops;
	DenseMap<BasicBlock *, SmallVector<const Entry *, 4>> through;
	for (const Entry &entry : entries)
		for (BasicBlock *loop : entry.loops) {
			if (!through.count(loop))
				loops.push_back(loop);
			through[loop].push_back(&entry);
		}
	for (BasicBlock *header : loops) {
		BasicBlock *rest = header->splitBasicBlock(header->getFirstNonPHI(),
		                                           header->getName() + ".xmig.rest");
		BasicBlock *router = BasicBlock::Create(context_, "xmig.route", &function_);
		header->getTerminator()->eraseFromParent();
		IRBuilder<> builder(header);
		Value *target = builder.CreateLoad(int32_, target_variable_, "xmig.resume.to");
		builder.CreateCondBr(builder.CreateICmpNE(target, builder.getInt32(0)), router,
		                     rest, MDBuilder(context_).createUnlikelyBranchWeights());
		builder.SetInsertPoint(router);
		SwitchInst *choose = builder.CreateSwitch(target, rest, through[header].size());
		for (const Entry *entry : through[header]) {
			auto at = std::find(entry->loops.begin(), entry->loops.end(), header);
			BasicBlock *next;
			if (at + 1 != entry->loops.end()) {
				next = *(at + 1);
				addPoisonIncoming(next, router);
			} else {
				next = edgeInto(*entry, router);
			}
			choose->addCase(builder.getInt32(entry->index), next);
		}
	}
}

BasicBlock *Builder::splitEntry(Instruction *body_start)
{
	BasicBlock &entry = function_.getEntryBlock();
	return entry.splitBasicBlock(body_start, "xmig.body");
}

void Builder::build(ArrayRef<SourceSite> sites, Instruction *body_start, uint64_t frame_signature)
{
	SmallVector<Entry, 16> entries;
	DenseSet<uint64_t> seen;
	for (const SourceSite &site : sites) {
		// Two sites with one ID cannot be told apart (xmig-check reports it).
		if (!site.resumable || !seen.insert(site.id).second)
			continue;
		entries.push_back({&site, unsigned(entries.size() + 1), nullptr, {}});
	}
	if (entries.empty())
		return;
	// After the sites: the setjmp calls a resumed frame may have to run again.
	size_t first_arming = entries.size();
	for (size_t k = 0; k < arming_.calls.size(); k++) {
		Value *slot = arming_.slots[k];
		assert(slot && "the data-stack frame keeps the slot's address");
		arming_sites_.push_back({arming_.calls[k], false, 0, 0, {}, {}, true});
		entries.push_back(
		        {&arming_sites_.back(), unsigned(entries.size() + 1), nullptr, {}, slot});
	}

	BasicBlock *body = splitEntry(body_start);
	for (Entry &entry : entries) {
		if (entry.site->point)
			entry.target = entry.site->call->getParent()->getSingleSuccessor();
		else
			prepareCall(entry);
	}

	{
		DominatorTree dominators(function_);
		LoopInfo loop_info(dominators);
		for (Entry &entry : entries)
			for (Loop *loop = loop_info.getLoopFor(entry.target); loop;
			     loop = loop->getParentLoop())
				entry.loops.insert(entry.loops.begin(), loop->getHeader());
		bool any_loops = false;
		for (Entry &entry : entries)
			any_loops |= !entry.loops.empty();
		if (any_loops) {
			target_variable_ = newVariable(int32_, "xmig.resume.target");
			new StoreInst(ConstantInt::get(int32_, 0), target_variable_,
			              &*body->getFirstInsertionPt());
		}
		for (Entry &entry : entries)
			if (callee_phis_.count(entry.site) && !callee_variable_)
				callee_variable_ = newVariable(pointer_, "xmig.resume.callee");
		addRouters(entries);
	}
	BasicBlock *arming_chain = entries.size() > first_arming
	                                   ? addArmingChain(entries, first_arming, body)
	                                   : nullptr;

	Constant *resuming = runtimeGlobal(module_, ResumingFlag, int32_);
	FunctionCallee frame_function =
	        module_.getOrInsertFunction(ResumeFrame, FunctionType::get(pointer_, false));
	FunctionCallee mismatch_function = module_.getOrInsertFunction(
	        ResumeMismatch, FunctionType::get(Type::getVoidTy(context_), {int64_}, false));

	BasicBlock &entry_block = function_.getEntryBlock();
	entry_block.getTerminator()->eraseFromParent();
	BasicBlock *dispatch = BasicBlock::Create(context_, "xmig.resume", &function_);
	BasicBlock *mismatch = BasicBlock::Create(context_, "xmig.resume.mismatch", &function_);
	IRBuilder<> builder(&entry_block);
	Value *flag = builder.CreateLoad(int32_, resuming, "xmig.resuming");
	builder.CreateCondBr(builder.CreateICmpNE(flag, builder.getInt32(0)), dispatch, body,
	                     MDBuilder(context_).createUnlikelyBranchWeights());

	builder.SetInsertPoint(dispatch);
	CallInst *frame = builder.CreateCall(frame_function, {}, "xmig.frame.record");
	Value *id = builder.CreateLoad(int64_, frame, "xmig.frame.site");
	SwitchInst *choose = builder.CreateSwitch(id, mismatch, entries.size());

	builder.SetInsertPoint(mismatch);
	Instruction *unreachable = builder.CreateUnreachable();
	Value *record[] = {builder.getInt64(XMIG_SITE_HEADER(XMIG_SITE_RESUME_PATHS, 0)),
	                   builder.getInt64(stableHash(qualifiedName(function_), ~0ull)),
	                   builder.getInt64(frame_signature), dataStackTop(unreachable)};
	builder.SetInsertPoint(unreachable);
	CallInst *refuse =
	        builder.CreateCall(mismatch_function, {id}, {OperandBundleDef("deopt", record)});
	refuse->setDoesNotReturn();

	for (const Entry &entry : ArrayRef<Entry>(entries).take_front(first_arming)) {
		const SourceSite &site = *entry.site;
		BasicBlock *path = BasicBlock::Create(context_, "xmig.resume.site", &function_);
		choose->addCase(ConstantInt::get(cast<IntegerType>(int64_), site.id), path);
		builder.SetInsertPoint(path);
		for (size_t i = 0; i < site.state.size(); i++) {
			AllocaInst *variable = variables_[site.state[i]];
			Value *address = builder.CreateConstGEP1_64(
			        int8_, frame,
			        XMIG_RESUME_VALUE_OFFSET + XMIG_RESUME_VALUE_STRIDE * (uint64_t)i);
			builder.CreateStore(
			        builder.CreateLoad(variable->getAllocatedType(), address,
			                           variable->getName() + ".xmig.resumed"),
			        variable);
		}
		if (callee_phis_.count(&site))
			builder.CreateStore(
			        builder.CreateLoad(
			                pointer_,
			                builder.CreateConstGEP1_64(
			                        int8_, frame,
			                        offsetof(struct xmig_resume_frame, callee))),
			        callee_variable_);
		Value *top = builder.CreateLoad(
		        pointer_,
		        builder.CreateConstGEP1_64(
		                int8_, frame, offsetof(struct xmig_resume_frame, data_stack_top)),
		        "xmig.frame.top");
		BranchInst *leave = builder.CreateBr(path); // replaced below
		setDataStackTop(top, leave);
		if (arming_chain) {
			// The buffers are armed first, with no loop to resume
			// in, then the frame heads for the site.
			builder.SetInsertPoint(leave);
			if (target_variable_)
				builder.CreateStore(builder.getInt32(0), target_variable_);
			builder.CreateStore(builder.getInt32(entry.index), entry_variable_);
			leave->setSuccessor(0, arming_chain);
		} else {
			leave->eraseFromParent();
			enterEntry(entry, path);
		}
	}
}

// Ends `from` with the way into the entry: its loops' headers, or its edge.
void Builder::enterEntry(const Entry &entry, BasicBlock *from)
{
	IRBuilder<> builder(from);
	BasicBlock *next;
	if (entry.loops.empty()) {
		next = edgeInto(entry, from);
	} else {
		builder.CreateStore(builder.getInt32(entry.index), target_variable_);
		next = entry.loops.front();
		addPoisonIncoming(next, from);
	}
	builder.CreateBr(next);
}

// The blocks a resumed frame runs through before it heads for its site:
// for each setjmp call whose slot still owns its buffer, the call runs
// again (entered like a site), and returning 0 to a frame that is arming it
// comes back here for the next one. A longjmp returns non-zero, and a call
// outside a resume finds the arming variable clear: both go on as the
// program does.
BasicBlock *Builder::addArmingChain(ArrayRef<Entry> entries, size_t first_arming, BasicBlock *body)
{
	arming_variable_ = newVariable(int32_, "xmig.setjmp.arming");
	entry_variable_ = newVariable(int32_, "xmig.resume.entry");
	IRBuilder<> builder(&*body->getFirstInsertionPt());
	builder.CreateStore(builder.getInt32(0), arming_variable_);
	// A slot left by an earlier frame at the same address names nothing.
	for (const Entry &entry : entries.drop_front(first_arming))
		builder.CreateStore(ConstantPointerNull::get(pointer_), entry.arming_slot);

	ArrayRef<Entry> arming = entries.drop_front(first_arming);
	SmallVector<BasicBlock *, 4> checks;
	for (size_t k = 0; k <= arming.size(); k++)
		checks.push_back(BasicBlock::Create(context_, "xmig.setjmp.check", &function_));
	for (size_t k = 0; k < arming.size(); k++) {
		const Entry &entry = arming[k];
		BasicBlock *owned = BasicBlock::Create(context_, "xmig.setjmp.owned", &function_);
		BasicBlock *arm = BasicBlock::Create(context_, "xmig.setjmp.arm", &function_);
		builder.SetInsertPoint(checks[k]);
		Value *buffer =
		        builder.CreateLoad(pointer_, entry.arming_slot, "xmig.setjmp.buffer");
		builder.CreateCondBr(builder.CreateIsNull(buffer), checks[k + 1], owned);
		builder.SetInsertPoint(owned);
		Value *owner = builder.CreateLoad(
		        pointer_,
		        builder.CreateConstGEP1_64(int8_, buffer, XMIG_JUMP_BUFFER_OWNER_OFFSET),
		        "xmig.setjmp.owner");
		builder.CreateCondBr(builder.CreateICmpEQ(owner, entry.arming_slot), arm,
		                     checks[k + 1]);
		builder.SetInsertPoint(arm);
		builder.CreateStore(builder.getInt32(k + 1), arming_variable_);
		builder.CreateStore(builder.getInt32(1),
		                    runtimeGlobal(module_, XMIG_JUMP_REARMING_SYMBOL, int32_));
		enterEntry(entry, arm);

		CallBase &call = *entry.site->call;
		BasicBlock *after = call.getParent()->splitBasicBlock(
		        call.getNextNode(), call.getParent()->getName() + ".xmig.returned");
		Instruction *fallthrough = call.getParent()->getTerminator();
		builder.SetInsertPoint(fallthrough);
		Value *arming_this = builder.CreateICmpEQ(
		        builder.CreateLoad(int32_, arming_variable_, "xmig.setjmp.arming"),
		        builder.getInt32(k + 1));
		builder.CreateStore(builder.getInt32(0), arming_variable_);
		Value *first_return =
		        builder.CreateICmpEQ(&call, ConstantInt::get(call.getType(), 0));
		builder.CreateCondBr(builder.CreateAnd(first_return, arming_this), checks[k + 1],
		                     after);
		fallthrough->eraseFromParent();
	}

	builder.SetInsertPoint(checks.back());
	Value *index = builder.CreateLoad(int32_, entry_variable_, "xmig.resume.entry");
	BasicBlock *none = BasicBlock::Create(context_, "xmig.setjmp.none", &function_);
	new UnreachableInst(context_, none);
	SwitchInst *choose = builder.CreateSwitch(index, none, first_arming);
	for (const Entry &entry : entries.take_front(first_arming)) {
		BasicBlock *armed = BasicBlock::Create(context_, "xmig.resume.armed", &function_);
		enterEntry(entry, armed);
		choose->addCase(builder.getInt32(entry.index), armed);
	}
	return checks.front();
}

void addResumePaths(Function &function, ArrayRef<SourceSite> sites,
                    ArrayRef<AllocaInst *> variables, Instruction *body_start,
                    uint64_t frame_signature, const ArmingSlots &arming)
{
	Builder(function, variables, arming).build(sites, body_start, frame_signature);
}

} // namespace xmig
