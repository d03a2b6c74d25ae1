/* Problem size of the FT kernel, chosen at build time by exactly one of the
 * NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A or NPB_CLASS_B macros. Every grid
 * dimension is a power of two because the 1-D transforms are radix 2. */
#ifndef FT_PARAMS_H
#define FT_PARAMS_H

#if defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) + defined(NPB_CLASS_B) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

#if defined(NPB_CLASS_S)
#define FT_CLASS      'S'
#define FT_NX         64
#define FT_NY         64
#define FT_NZ         64
#define FT_ITERATIONS 6
#elif defined(NPB_CLASS_W)
#define FT_CLASS      'W'
#define FT_NX         128
#define FT_NY         128
#define FT_NZ         32
#define FT_ITERATIONS 6
#elif defined(NPB_CLASS_A)
#define FT_CLASS      'A'
#define FT_NX         256
#define FT_NY         256
#define FT_NZ         128
#define FT_ITERATIONS 6
#elif defined(NPB_CLASS_B)
#define FT_CLASS      'B'
#define FT_NX         512
#define FT_NY         256
#define FT_NZ         256
#define FT_ITERATIONS 20
#else
#error "define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* The longest 1-D transform; it sizes the roots-of-unity table and the
 * per-dimension scratch buffers. */
#define FT_MAX_DIM                                                                                 \
	(FT_NX > FT_NY ? (FT_NX > FT_NZ ? FT_NX : FT_NZ) : (FT_NY > FT_NZ ? FT_NY : FT_NZ))

/* Seed of the initial conditions and the diffusion constant of the PDE. */
#define FT_SEED  314159265.0
#define FT_ALPHA 1.0e-6

/* Number of grid cells summed into each step's checksum. */
#define FT_CHECKSUM_SAMPLES 1024

#endif
