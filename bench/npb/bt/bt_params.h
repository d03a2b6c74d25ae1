/* Problem class of BT, fixed at build time by exactly one NPB_CLASS_* macro. Sizes, time steps
 * and reference norms are those of NPB 3.3 (see PSEUDO-APPS.md). */
#ifndef BT_PARAMS_H
#define BT_PARAMS_H

#if defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

#if defined(NPB_CLASS_S)
#define BT_CLASS       'S'
#define BT_GRID_POINTS 12
#define BT_TIME_STEPS  60
#define BT_DT          1.0e-2
#define BT_REFERENCE_XCR                                                                           \
	{1.7034283709541311e-01, 1.2975252070034097e-02, 3.2527926989486055e-02,                   \
	 2.6436421275166801e-02, 1.9211784131744430e-01}
#define BT_REFERENCE_XCE                                                                           \
	{4.9976913345811579e-04, 4.5195666782961927e-05, 7.3973765172921357e-05,                   \
	 7.3821238632439731e-05, 8.9269630987491446e-04}
#elif defined(NPB_CLASS_W)
#define BT_CLASS       'W'
#define BT_GRID_POINTS 24
#define BT_TIME_STEPS  200
#define BT_DT          0.8e-3
#define BT_REFERENCE_XCR                                                                           \
	{0.1125590409344e+03, 0.1180007595731e+02, 0.2710329767846e+02, 0.2469174937669e+02,       \
	 0.2638427874317e+03}
#define BT_REFERENCE_XCE                                                                           \
	{0.4419655736008e+01, 0.4638531260002e+00, 0.1011551749967e+01, 0.9235878729944e+00,       \
	 0.1018045837718e+02}
#elif defined(NPB_CLASS_A)
#define BT_CLASS       'A'
#define BT_GRID_POINTS 64
#define BT_TIME_STEPS  200
#define BT_DT          0.8e-3
#define BT_REFERENCE_XCR                                                                           \
	{1.0806346714637264e+02, 1.1319730901220813e+01, 2.5974354511582465e+01,                   \
	 2.3665622544678910e+01, 2.5278963211748344e+02}
#define BT_REFERENCE_XCE                                                                           \
	{4.2348416040525025e+00, 4.4390282496995698e-01, 9.6692480136345650e-01,                   \
	 8.8302063039765474e-01, 9.7379901770829278e+00}
#else
#error "no problem class: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A"
#endif

#endif
