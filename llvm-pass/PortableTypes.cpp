#include "PortableTypes.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace llvm;

namespace xmig
{

namespace
{

struct PerIsaType {
	const char *name; // the struct's name in clang's IR
	uint64_t size;    // the larger of the two ISAs'
	uint64_t alignment;
};

} // namespace

// glibc 2.36 with clang-19, LP64: x86_64 size / aarch64 size.
static const PerIsaType per_isa_types[] = {
        {"struct.stat", 144, 16},              // 144 / 128
        {"struct.stat64", 144, 16},            // 144 / 128
        {"struct.__jmp_buf_tag", 312, 16},     // 200 / 312: jmp_buf, sigjmp_buf
        {"struct.__va_list_tag", 32, 8},       // x86_64's va_list element, 24
        {"struct.__va_list", 32, 8},           // aarch64's va_list, 32
        {"union.pthread_mutex_t", 48, 8},      // 40 / 48
        {"union.pthread_attr_t", 64, 8},       // 56 / 64
        {"union.pthread_mutexattr_t", 8, 4},   // 4 / 8
        {"union.pthread_condattr_t", 8, 4},    // 4 / 8
        {"union.pthread_barrierattr_t", 8, 4}, // 4 / 8
        {"struct.epoll_event", 16, 8},         // 12 (packed) / 16
};

// xmig-cc's own headers (runtime/libc) replace some of these with a layout
// the two ISAs share, and mark it with an empty last member.
static bool isPortableReplacement(const StructType *type)
{
	if (type->getNumElements() == 0)
		return false;
	const auto *last = dyn_cast<ArrayType>(type->getElementType(type->getNumElements() - 1));
	return last && last->getNumElements() == 0;
}

static const PerIsaType *perIsaType(StructType *type)
{
	if (!type->hasName() || isPortableReplacement(type))
		return nullptr;
	StringRef name = type->getName();
	for (const PerIsaType &known : per_isa_types) {
		// clang numbers a second definition of one name: "struct.stat.0".
		StringRef known_name(known.name);
		if (name == known_name ||
		    (name.starts_with(known_name) && name.size() > known_name.size() &&
		     name[known_name.size()] == '.'))
			return &known;
	}
	return nullptr;
}

PortableLayout portableLayout(Type *type, const DataLayout &layout)
{
	if (auto *structure = dyn_cast<StructType>(type)) {
		if (const PerIsaType *known = perIsaType(structure))
			return {std::max<uint64_t>(known->size, layout.getTypeAllocSize(type)),
			        std::max(Align(known->alignment), layout.getABITypeAlign(type)),
			        true};
		// Members laid out with their portable sizes, as C lays them out.
		uint64_t size = 0;
		Align alignment = structure->isPacked() ? Align(1) : layout.getABITypeAlign(type);
		bool per_isa = false;
		for (Type *element : structure->elements()) {
			PortableLayout member = portableLayout(element, layout);
			Align member_alignment =
			        structure->isPacked() ? Align(1) : member.alignment;
			size = alignTo(size, member_alignment) + member.size;
			alignment = std::max(alignment, member_alignment);
			per_isa |= member.per_isa;
		}
		if (!per_isa)
			return {layout.getTypeAllocSize(type), layout.getABITypeAlign(type), false};
		return {alignTo(size, alignment), alignment, true};
	}
	if (auto *array = dyn_cast<ArrayType>(type)) {
		PortableLayout element = portableLayout(array->getElementType(), layout);
		if (!element.per_isa)
			return {layout.getTypeAllocSize(type), layout.getABITypeAlign(type), false};
		return {element.size * array->getNumElements(), element.alignment, true};
	}
	return {layout.getTypeAllocSize(type).getFixedValue(), layout.getABITypeAlign(type), false};
}

} // namespace xmig
