/* clock_gettime is POSIX, not ISO C11. */
#define _POSIX_C_SOURCE 200809L

#include "npb_timer.h"

#include <time.h>

static double accumulated_seconds[NPB_TIMER_COUNT];
static double started_at[NPB_TIMER_COUNT];

static double now_seconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

void timer_clear(int timer)
{
	accumulated_seconds[timer] = 0.0;
}

void timer_start(int timer)
{
	started_at[timer] = now_seconds();
}

void timer_stop(int timer)
{
	accumulated_seconds[timer] += now_seconds() - started_at[timer];
}

double timer_read(int timer)
{
	return accumulated_seconds[timer];
}
