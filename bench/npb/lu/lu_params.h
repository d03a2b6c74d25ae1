/* Problem class of LU, fixed at build time by exactly one NPB_CLASS_* macro. Sizes, iteration
 * counts, time steps and reference values are those of NPB 3.3 (see PSEUDO-APPS.md). */
#ifndef LU_PARAMS_H
#define LU_PARAMS_H

#if defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

#if defined(NPB_CLASS_S)
#define LU_CLASS       'S'
#define LU_GRID_POINTS 12
#define LU_ITERATIONS  50
#define LU_DT          5.0e-1
#define LU_REFERENCE_XCR                                                                           \
	{1.6196343210976702e-02, 2.1976745164821318e-03, 1.5179927653399185e-03,                   \
	 1.5029584435994323e-03, 3.4264073155896461e-02}
#define LU_REFERENCE_XCE                                                                           \
	{6.4223319957960924e-04, 8.4144342047347926e-05, 5.8588269616485186e-05,                   \
	 5.8474222595157350e-05, 1.3103347914111294e-03}
#define LU_REFERENCE_XCI 7.8418928865937083e+00
#elif defined(NPB_CLASS_W)
#define LU_CLASS       'W'
#define LU_GRID_POINTS 33
#define LU_ITERATIONS  300
#define LU_DT          1.5e-3
#define LU_REFERENCE_XCR                                                                           \
	{0.1236511638192e+02, 0.1317228477799e+01, 0.2550120713095e+01, 0.2326187750252e+01,       \
	 0.2826799444189e+02}
#define LU_REFERENCE_XCE                                                                           \
	{0.4867877144216e+00, 0.5064652880982e-01, 0.9281818101960e-01, 0.8570126542733e-01,       \
	 0.1084277417792e+01}
#define LU_REFERENCE_XCI 0.1161399311023e+02
#elif defined(NPB_CLASS_A)
#define LU_CLASS       'A'
#define LU_GRID_POINTS 64
#define LU_ITERATIONS  250
#define LU_DT          2.0e+0
#define LU_REFERENCE_XCR                                                                           \
	{7.7902107606689367e+02, 6.3402765259692870e+01, 1.9499249727292479e+02,                   \
	 1.7845301160418537e+02, 1.8384760349464247e+03}
#define LU_REFERENCE_XCE                                                                           \
	{2.9964085685471943e+01, 2.8194576365003349e+00, 7.3473412698774742e+00,                   \
	 6.7139225687777051e+00, 7.0715315688392578e+01}
#define LU_REFERENCE_XCI 2.6030925604886277e+01
#else
#error "no problem class: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

/* The over-relaxation factor of the SSOR iteration. */
#define LU_OMEGA 1.2

#endif
