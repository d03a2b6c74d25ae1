#include "program.h"

#include <math.h>

static long count;
static double sum, sum_of_squares;

void stats_add(double value)
{
	count++;
	sum += value;
	sum_of_squares += value * value;
}

long stats_count(void)
{
	return count;
}

double stats_mean(void)
{
	return count ? sum / count : 0.0;
}

double stats_deviation(void)
{
	if (count < 2)
		return 0.0;
	double mean = stats_mean();
	return sqrt((sum_of_squares - count * mean * mean) / (count - 1));
}
