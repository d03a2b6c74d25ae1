/* Problem parameters of the CG kernel, fixed at build time by the class macro
 * (NPB_CLASS_S, _W, _A or _B) so that every array bound is a constant. */
#ifndef CG_PARAMS_H
#define CG_PARAMS_H

#if defined(NPB_CLASS_S)
#define CG_CLASS_LETTER    'S'
#define CG_ORDER           1400
#define CG_NONZER          7
#define CG_NITER           15
#define CG_SHIFT           10.0
#define CG_ZETA_VERIFY     8.5971775078648
#define CG_HAS_ZETA_VERIFY 1
#elif defined(NPB_CLASS_W)
#define CG_CLASS_LETTER    'W'
#define CG_ORDER           7000
#define CG_NONZER          8
#define CG_NITER           15
#define CG_SHIFT           12.0
#define CG_ZETA_VERIFY     10.362595087124
#define CG_HAS_ZETA_VERIFY 1
#elif defined(NPB_CLASS_A)
#define CG_CLASS_LETTER    'A'
#define CG_ORDER           14000
#define CG_NONZER          11
#define CG_NITER           15
#define CG_SHIFT           20.0
#define CG_ZETA_VERIFY     17.130235054029
#define CG_HAS_ZETA_VERIFY 1
#elif defined(NPB_CLASS_B)
/* Class B sizes are NPB's; its reference zeta is not in the shared facts, so
 * a class B run reports UNSUCCESSFUL rather than claim an unchecked result. */
#define CG_CLASS_LETTER    'B'
#define CG_ORDER           75000
#define CG_NONZER          13
#define CG_NITER           75
#define CG_SHIFT           60.0
#define CG_ZETA_VERIFY     0.0
#define CG_HAS_ZETA_VERIFY 0
#else
#error "define exactly one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* Bounds the smallest eigenvalue of the generated matrix from below. */
#define CG_RCOND 0.1

/* Inner conjugate-gradient iterations per outer (inverse power) iteration. */
#define CG_INNER_ITERATIONS 25

#define CG_RANDOM_SEED      314159265.0

/* Relative error allowed between the computed and the reference zeta. */
#define CG_VERIFY_TOLERANCE 1.0e-10

/* A generated sparse vector holds CG_NONZER random entries plus, possibly,
 * its diagonal entry. */
#define CG_VECTOR_CAPACITY (CG_NONZER + 1)

#endif
