/* Problem class of SP, fixed at build time by exactly one NPB_CLASS_* macro. Sizes, time steps
 * and reference norms are those of NPB 3.3 (see PSEUDO-APPS.md). */
#ifndef SP_PARAMS_H
#define SP_PARAMS_H

#if defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

#if defined(NPB_CLASS_S)
#define SP_CLASS       'S'
#define SP_GRID_POINTS 12
#define SP_TIME_STEPS  100
#define SP_DT          1.5e-2
#define SP_REFERENCE_XCR                                                                           \
	{2.7470315451339479e-02, 1.0360746705285417e-02, 1.6235745065095532e-02,                   \
	 1.5840557224455615e-02, 3.4849040609362460e-02}
#define SP_REFERENCE_XCE                                                                           \
	{2.7289258557377227e-05, 1.0364446640837285e-05, 1.6154798287166471e-05,                   \
	 1.5750704994480102e-05, 3.4177666183390531e-05}
#elif defined(NPB_CLASS_W)
#define SP_CLASS       'W'
#define SP_GRID_POINTS 36
#define SP_TIME_STEPS  400
#define SP_DT          1.5e-3
#define SP_REFERENCE_XCR                                                                           \
	{0.1893253733584e-02, 0.1717075447775e-03, 0.2778153350936e-03, 0.2887475409984e-03,       \
	 0.3143611161242e-02}
#define SP_REFERENCE_XCE                                                                           \
	{0.7542088599534e-04, 0.6512852253086e-05, 0.1049092285688e-04, 0.1128838671535e-04,       \
	 0.1212845639773e-03}
#elif defined(NPB_CLASS_A)
#define SP_CLASS       'A'
#define SP_GRID_POINTS 64
#define SP_TIME_STEPS  400
#define SP_DT          1.5e-3
#define SP_REFERENCE_XCR                                                                           \
	{2.4799822399300195, 1.1276337964368832, 1.5028977888770491, 1.4217816211695179,           \
	 2.1292113035138280}
#define SP_REFERENCE_XCE                                                                           \
	{1.0900140297820550e-04, 3.7343951769282091e-05, 5.0092785406541633e-05,                   \
	 4.7671093939528255e-05, 1.3621613399213001e-04}
#else
#error "no problem class: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

#endif
