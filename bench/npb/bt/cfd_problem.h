/* The grid the shared flow solver core is built for in BT. */
#ifndef CFD_PROBLEM_H
#define CFD_PROBLEM_H

#include "bt_params.h"

#define CFD_GRID_POINTS BT_GRID_POINTS

#endif
