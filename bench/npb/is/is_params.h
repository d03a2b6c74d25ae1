/* IS problem size and official partial-verification data, chosen at build time
 * by defining exactly one NPB_CLASS_<letter> macro. */
#ifndef IS_PARAMS_H
#define IS_PARAMS_H

#if (defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) + defined(NPB_CLASS_B)) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* Each test key's expected rank in iteration `it` is
 *   base + direction * (it - lag)
 * because the two keys rewritten every iteration (to `it` and MAX_KEY - it)
 * slide past the test keys one step at a time. */
#if defined(NPB_CLASS_S)
#define IS_CLASS_LETTER       'S'
#define IS_LOG2_TOTAL_KEYS    16
#define IS_LOG2_MAX_KEY       11
#define IS_LOG2_BUCKETS       9
#define IS_TEST_KEY_INDICES   {48427, 17148, 23627, 62548, 4431}
#define IS_TEST_KEY_RANKS     {0, 18, 346, 64917, 65463}
#define IS_TEST_KEY_DIRECTION {+1, +1, +1, -1, -1}
#define IS_TEST_KEY_LAG       {0, 0, 0, 0, 0}
#elif defined(NPB_CLASS_W)
#define IS_CLASS_LETTER       'W'
#define IS_LOG2_TOTAL_KEYS    20
#define IS_LOG2_MAX_KEY       16
#define IS_LOG2_BUCKETS       10
#define IS_TEST_KEY_INDICES   {357773, 934767, 875723, 898999, 404505}
#define IS_TEST_KEY_RANKS     {1249, 11698, 1039987, 1043896, 1048018}
#define IS_TEST_KEY_DIRECTION {+1, +1, -1, -1, -1}
#define IS_TEST_KEY_LAG       {2, 2, 0, 0, 0}
#elif defined(NPB_CLASS_A)
#define IS_CLASS_LETTER       'A'
#define IS_LOG2_TOTAL_KEYS    23
#define IS_LOG2_MAX_KEY       19
#define IS_LOG2_BUCKETS       10
#define IS_TEST_KEY_INDICES   {2112377, 662041, 5336171, 3642833, 4250760}
#define IS_TEST_KEY_RANKS     {104, 17523, 123928, 8288932, 8388264}
#define IS_TEST_KEY_DIRECTION {+1, +1, +1, -1, -1}
#define IS_TEST_KEY_LAG       {1, 1, 1, 1, 1}
#elif defined(NPB_CLASS_B)
#define IS_CLASS_LETTER       'B'
#define IS_LOG2_TOTAL_KEYS    25
#define IS_LOG2_MAX_KEY       21
#define IS_LOG2_BUCKETS       10
#define IS_TEST_KEY_INDICES   {41869, 812306, 5102857, 18232239, 26860214}
#define IS_TEST_KEY_RANKS     {33422937, 10244, 59149, 33135281, 99}
#define IS_TEST_KEY_DIRECTION {-1, +1, +1, -1, +1}
#define IS_TEST_KEY_LAG       {0, 0, 0, 0, 0}
#else
#error "no NPB class selected: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

#endif
