/* The grid the shared flow solver core is built for in SP. */
#ifndef CFD_PROBLEM_H
#define CFD_PROBLEM_H

#include "sp_params.h"

#define CFD_GRID_POINTS SP_GRID_POINTS

#endif
