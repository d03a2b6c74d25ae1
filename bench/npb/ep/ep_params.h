/* EP problem size and official verification sums, chosen at build time by
 * defining exactly one NPB_CLASS_<letter> macro. */
#ifndef EP_PARAMS_H
#define EP_PARAMS_H

#if (defined(NPB_CLASS_S) + defined(NPB_CLASS_W) + defined(NPB_CLASS_A) + defined(NPB_CLASS_B)) > 1
#error "define only one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* The run generates 2^(EP_LOG2_PAIRS + 1) uniform numbers, i.e. 2^EP_LOG2_PAIRS pairs. */
#if defined(NPB_CLASS_S)
#define EP_CLASS_LETTER 'S'
#define EP_LOG2_PAIRS   24
#define EP_SX_REFERENCE (-3.247834652034740e+3)
#define EP_SY_REFERENCE (-6.958407078382297e+3)
#elif defined(NPB_CLASS_W)
#define EP_CLASS_LETTER 'W'
#define EP_LOG2_PAIRS   25
#define EP_SX_REFERENCE (-2.863319731645753e+3)
#define EP_SY_REFERENCE (-6.320053679109499e+3)
#elif defined(NPB_CLASS_A)
#define EP_CLASS_LETTER 'A'
#define EP_LOG2_PAIRS   28
#define EP_SX_REFERENCE (-4.295875165629892e+3)
#define EP_SY_REFERENCE (-1.580732573678431e+4)
#elif defined(NPB_CLASS_B)
#define EP_CLASS_LETTER 'B'
#define EP_LOG2_PAIRS   30
#define EP_SX_REFERENCE (4.033815542441498e+4)
#define EP_SY_REFERENCE (-2.660669192809235e+4)
#else
#error "no NPB class selected: define one of NPB_CLASS_S, NPB_CLASS_W, NPB_CLASS_A, NPB_CLASS_B"
#endif

/* Relative error allowed on each of sx and sy. */
#define EP_TOLERANCE 1.0e-8

#endif
