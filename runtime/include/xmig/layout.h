/* The fixed address ranges of every xmig program. They are the same on both
 * ISAs, which is what lets memory migrate without rewriting a single pointer;
 * docs/memory-layout.md explains each one. All of them end below 2^39 so that
 * aarch64 kernels built with 39-bit virtual addresses can hold them too. */
#ifndef XMIG_LAYOUT_H
#define XMIG_LAYOUT_H

#define XMIG_ADDRESS_LIMIT 0x8000000000UL /* 2^39 */

/* The aligned part of both binaries (xmig-align): instrumented code, then
 * read-only data, the unpaired-site table, and the migratable data. Every
 * binary keeps its other sections (libc, the runtime's code) below the base,
 * where ld.lld puts them from 2 MiB up. Aligned code calls into them, and an
 * aarch64 BL reaches 128 MiB: beyond that ld.lld would insert branch thunks
 * between the aligned functions and move them. Hence a low base and a limit
 * on the aligned code. The limit of the whole is the reach of the small code
 * model: non-PIE x86_64 code addresses data with 32-bit immediates. */
#define XMIG_ALIGNED_BASE       0x2000000UL  /* 32 MiB */
#define XMIG_ALIGNED_TEXT_LIMIT 0x8000000UL  /* 128 MiB */
#define XMIG_ALIGNED_LIMIT      0x80000000UL /* 2 GiB */
/* Each aligned range starts on a boundary of the largest page size either
 * ISA's kernels use, so each can be its own segment with its own rights. */
#define XMIG_ALIGNED_RANGE_ALIGNMENT 0x10000UL /* 64 KiB */

/* The runtime's malloc arena; migrates (used pages only). */
#define XMIG_HEAP_ARENA_BASE 0x4000000000UL
#define XMIG_HEAP_ARENA_SIZE 0x0400000000UL /* 16 GiB */

/* Frames of every alloca of instrumented code; grows upwards; migrates. */
#define XMIG_DATA_STACK_BASE 0x5000000000UL
#define XMIG_DATA_STACK_SIZE 0x0040000000UL /* 1 GiB */

/* The native stack instrumented code runs on; grows downwards; rebuilt by the
 * transformer for the destination ISA. */
#define XMIG_NATIVE_STACK_BASE 0x6000000000UL
#define XMIG_NATIVE_STACK_SIZE 0x0004000000UL /* 64 MiB */

/* Inaccessible pages at the end each range grows towards, so that running out
 * of a range faults instead of silently writing into the next one. */
#define XMIG_GUARD_SIZE 0x10000UL /* 64 KiB: one page on every supported kernel */

#endif
