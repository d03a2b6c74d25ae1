#include "size_classes.h"

/* Class c's block size: 16 (c + 1) for the first eight, then for c = 8 + 4d + q
 * the quarter steps (q + 1) / 4 past 2^(7 + d). */
#define DOUBLING(c) ((c) < 8 ? 0 : ((c) - 8) / 4)
#define QUARTER(c)  ((c) < 8 ? 0 : ((c) - 8) % 4)
#define BLOCK_SIZE(c)                                                                              \
	((c) < 8 ? 16u * ((c) + 1)                                                                 \
	         : (128u << DOUBLING(c)) + (QUARTER(c) + 1) * (32u << DOUBLING(c)))

/* A run holds at least eight blocks, so that the runs of a class that is
 * barely used waste little: one page up to 8 KiB blocks, then enough pages
 * for eight. */
#define RUN_PAGES(c)                                                                               \
	(BLOCK_SIZE(c) <= 8192                                                                     \
	         ? 1u                                                                              \
	         : (8u * BLOCK_SIZE(c) + (uint32_t)HEAP_PAGE_SIZE - 1) / (uint32_t)HEAP_PAGE_SIZE)

#define RUN_BYTES(c) (RUN_PAGES(c) * (uint32_t)HEAP_PAGE_SIZE / BLOCK_SIZE(c) * BLOCK_SIZE(c))

#define CLASS(c)     {BLOCK_SIZE(c), RUN_PAGES(c), RUN_BYTES(c), 0}

const struct heap_size_class xmig_heap_size_classes[HEAP_SMALL_CLASS_COUNT] = {
        CLASS(0),  CLASS(1),  CLASS(2),  CLASS(3),  CLASS(4),  CLASS(5),  CLASS(6),  CLASS(7),
        CLASS(8),  CLASS(9),  CLASS(10), CLASS(11), CLASS(12), CLASS(13), CLASS(14), CLASS(15),
        CLASS(16), CLASS(17), CLASS(18), CLASS(19), CLASS(20), CLASS(21), CLASS(22), CLASS(23),
        CLASS(24), CLASS(25), CLASS(26), CLASS(27), CLASS(28), CLASS(29), CLASS(30), CLASS(31),
        CLASS(32), CLASS(33), CLASS(34), CLASS(35), CLASS(36), CLASS(37), CLASS(38), CLASS(39),
};

_Static_assert(BLOCK_SIZE(HEAP_SMALL_CLASS_COUNT - 1) == HEAP_SMALL_MAX,
               "the last class is the largest small size");
_Static_assert(RUN_PAGES(HEAP_SMALL_CLASS_COUNT - 1) <= 4, "runs span at most four pages");
