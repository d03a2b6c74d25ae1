/* The site record: what the plugin stores about every equivalence site, and
 * where. Readers (xmig-sites, xmig-check, the transformer) and the plugin share
 * this header; docs/site-record.md explains it in full.
 *
 * Every site is a gc.statepoint whose ID is the site's stable ID. Its "deopt"
 * operands, which LLVM records in .llvm_stackmaps after the statepoint's own
 * three leading constants (calling convention, flags, deopt operand count),
 * are:
 *
 *   [0] header           constant, XMIG_SITE_HEADER(flags, value_count)
 *   [1] frame signature  constant, a hash of the function's data-stack frame
 *                        layout (0: no frame)
 *   then value_count pairs:
 *   [2 + 2i] type tag    constant, XMIG_TYPE_TAG(kind, lanes, lane_bits)
 *   [3 + 2i] value       the live value's location
 *
 * so each record describes its own values' types without any other section. */
#ifndef XMIG_SITE_RECORD_H
#define XMIG_SITE_RECORD_H

#define XMIG_SITE_MAGIC   0x5853u /* "XS" */
#define XMIG_SITE_VERSION 1u

#define XMIG_SITE_HEADER(flags, value_count)                                                       \
	(((unsigned long long)XMIG_SITE_MAGIC << 48) |                                             \
	 ((unsigned long long)XMIG_SITE_VERSION << 40) |                                           \
	 ((unsigned long long)((flags) & 0xffu) << 32) | (unsigned long long)(value_count))
#define XMIG_SITE_HEADER_MAGIC(header)   ((unsigned)((header) >> 48))
#define XMIG_SITE_HEADER_VERSION(header) ((unsigned)(((header) >> 40) & 0xffu))
#define XMIG_SITE_HEADER_FLAGS(header)   ((unsigned)(((header) >> 32) & 0xffu))
#define XMIG_SITE_HEADER_COUNT(header)   ((unsigned)((header) & 0xffffffffu))

/* Leading deopt operands before the first type tag. */
#define XMIG_SITE_PREFIX_OPERANDS 2u

/* Site flags. Any flag in XMIG_SITE_UNSAFE makes the site unsafe: the runtime
 * never migrates while such a frame is on the stack. */
#define XMIG_SITE_MIGRATION_POINT   0x01u /* the call of __xmig_point itself */
#define XMIG_SITE_UNSUPPORTED_VALUE 0x02u /* a live value of a type no tag describes */
#define XMIG_SITE_USES_VA_START     0x04u /* va_list points into the native stack */
#define XMIG_SITE_USES_FRAME_ADDR   0x08u /* __builtin_frame/return_address */
#define XMIG_SITE_USES_INLINE_ASM   0x10u
#define XMIG_SITE_USES_SETJMP       0x20u /* jmp_buf holds native-stack addresses */
#define XMIG_SITE_UNSAFE                                                                           \
	(XMIG_SITE_UNSUPPORTED_VALUE | XMIG_SITE_USES_VA_START | XMIG_SITE_USES_FRAME_ADDR |       \
	 XMIG_SITE_USES_INLINE_ASM | XMIG_SITE_USES_SETJMP)

/* Type tags: small enough (< 2^31) to be stored inline in the stack map. */
#define XMIG_TYPE_INTEGER 1u
#define XMIG_TYPE_FLOAT   2u
#define XMIG_TYPE_POINTER 3u
/* An aggregate value's bytes as they lie in memory (lanes 1, lane_bits eight
 * times the size). */
#define XMIG_TYPE_BYTES 4u
/* The bytes of a struct argument, which each ISA's ABI passes in pieces of its
 * own (lanes 1, lane_bits eight times the struct's size). The kind is
 * XMIG_TYPE_ARGUMENT plus the struct argument's ordinal among the function's,
 * so that two of them, or one and an aggregate value, never pair. */
#define XMIG_TYPE_ARGUMENT      0x10u
#define XMIG_TYPE_ARGUMENT_LAST 0x7fu
/* The largest value a record holds, in bytes: XMIG_RESUME_VALUE_STRIDE. */
#define XMIG_TYPE_BYTES_MAX 64u

#define XMIG_TYPE_TAG(kind, lanes, lane_bits)                                                      \
	(((unsigned)(kind) << 24) | ((unsigned)(lanes) << 16) | (unsigned)(lane_bits))
#define XMIG_TYPE_TAG_KIND(tag)      ((unsigned)(tag) >> 24)
#define XMIG_TYPE_TAG_LANES(tag)     (((unsigned)(tag) >> 16) & 0xffu)
#define XMIG_TYPE_TAG_LANE_BITS(tag) ((unsigned)(tag) & 0xffffu)

#endif
