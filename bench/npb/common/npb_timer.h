/* Wall-clock timers for the timed sections of the NPB kernels. */
#ifndef NPB_TIMER_H
#define NPB_TIMER_H

#define NPB_TIMER_COUNT 16

void timer_clear(int timer);
void timer_start(int timer);
void timer_stop(int timer);
/* Seconds accumulated by the timer over all its start/stop intervals. */
double timer_read(int timer);

#endif
