/* The grid the shared flow solver core is built for in LU. */
#ifndef CFD_PROBLEM_H
#define CFD_PROBLEM_H

#include "lu_params.h"

#define CFD_GRID_POINTS LU_GRID_POINTS

#endif
