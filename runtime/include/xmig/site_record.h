/* The site record: what the plugin stores about every equivalence site, and
 * where. Readers (xmig-sites, xmig-check, the transformer, the runtime) and the
 * plugin share this header; docs/site-record.md explains it in full.
 *
 * Every site is a gc.statepoint. Its "deopt" operands, which LLVM records in
 * .llvm_stackmaps after the statepoint's own three leading constants (calling
 * convention, flags, deopt operand count), describe one or more *source
 * frames*: the activations of source functions that this machine frame holds,
 * outermost first. A function inlined into another adds its frame after its
 * caller's (LLVM's inliner concatenates deopt operands), so a record lists
 * the same source frames whichever ISA inlined what. Each source frame is
 *
 *   [0] header           constant, XMIG_SITE_HEADER(flags, value_count)
 *   [1] site ID          constant: hash(function, site ordinal, callee)
 *   [2] frame signature  constant: taken before any optimization, a hash of
 *                        the function's data-stack frame layout (high 32
 *                        bits) and one of that layout and of every site of
 *                        the function with its state's types (low 32)
 *   [3] data-stack top   the data-stack pointer at the call
 *   then value_count pairs:
 *   [4 + 2i] type tag    constant, XMIG_TYPE_TAG(kind, lanes, lane_bits)
 *   [5 + 2i] value       state variable i's value at the call
 *
 * The values are the function's promotable local variables that are live
 * after the call, in declaration order, as clang emitted them before any
 * optimization; the optimizer keeps each operand equal to its variable. */
#ifndef XMIG_SITE_RECORD_H
#define XMIG_SITE_RECORD_H

#define XMIG_SITE_MAGIC   0x5853u /* "XS" */
#define XMIG_SITE_VERSION 2u

#define XMIG_SITE_HEADER(flags, value_count)                                                       \
	(((unsigned long long)XMIG_SITE_MAGIC << 48) |                                             \
	 ((unsigned long long)XMIG_SITE_VERSION << 40) |                                           \
	 ((unsigned long long)((flags) & 0xffu) << 32) | (unsigned long long)(value_count))
#define XMIG_SITE_HEADER_MAGIC(header)   ((unsigned)((header) >> 48))
#define XMIG_SITE_HEADER_VERSION(header) ((unsigned)(((header) >> 40) & 0xffu))
#define XMIG_SITE_HEADER_FLAGS(header)   ((unsigned)(((header) >> 32) & 0xffu))
#define XMIG_SITE_HEADER_COUNT(header)   ((unsigned)((header) & 0xffffffffu))

/* Operands of a source frame before its first type tag. */
#define XMIG_SITE_PREFIX_OPERANDS              4u
#define XMIG_FRAME_SIGNATURE_LAYOUT(signature) ((unsigned long long)(signature) >> 32)

/* A record holds at most this many source frames (inlining depth). */
#define XMIG_SITE_MAX_FRAMES 64u

/* Site flags, per source frame. Any flag in XMIG_SITE_UNSAFE makes the site
 * unsafe: the runtime never migrates while such a frame is on the stack. */
#define XMIG_SITE_MIGRATION_POINT   0x01u /* the call of __xmig_point itself */
#define XMIG_SITE_UNSUPPORTED_VALUE 0x02u /* a live variable of a type no tag describes */
#define XMIG_SITE_USES_VA_START     0x04u /* va_list points into the native stack */
#define XMIG_SITE_USES_FRAME_ADDR   0x08u /* __builtin_frame/return_address */
#define XMIG_SITE_USES_INLINE_ASM   0x10u
#define XMIG_SITE_USES_SETJMP       0x20u /* jmp_buf holds native-stack addresses */
/* Not a site: the resume path's refusal of an unknown record, which is there
 * in every copy of a function's resume paths, inlined or not. Its frame
 * signature says that this binary can resume that function's sites. */
#define XMIG_SITE_RESUME_PATHS 0x40u
/* A local of a type whose layout differs between the ISAs (struct stat, a
 * pthread mutex ...) is live across the call: its bytes would mean something
 * else on the other ISA. */
#define XMIG_SITE_PER_ISA_LOCAL 0x80u
#define XMIG_SITE_UNSAFE                                                                           \
	(XMIG_SITE_UNSUPPORTED_VALUE | XMIG_SITE_USES_VA_START | XMIG_SITE_USES_FRAME_ADDR |       \
	 XMIG_SITE_USES_INLINE_ASM | XMIG_SITE_USES_SETJMP | XMIG_SITE_PER_ISA_LOCAL)

/* Type tags: small enough (< 2^31) to be stored inline in the stack map. */
#define XMIG_TYPE_INTEGER 1u
#define XMIG_TYPE_FLOAT   2u
#define XMIG_TYPE_POINTER 3u
/* The largest value a record holds, in bytes: XMIG_RESUME_VALUE_STRIDE. */
#define XMIG_TYPE_BYTES_MAX 64u

#define XMIG_TYPE_TAG(kind, lanes, lane_bits)                                                      \
	(((unsigned)(kind) << 24) | ((unsigned)(lanes) << 16) | (unsigned)(lane_bits))
#define XMIG_TYPE_TAG_KIND(tag)      ((unsigned)(tag) >> 24)
#define XMIG_TYPE_TAG_LANES(tag)     (((unsigned)(tag) >> 16) & 0xffu)
#define XMIG_TYPE_TAG_LANE_BITS(tag) ((unsigned)(tag) & 0xffffu)

#endif
