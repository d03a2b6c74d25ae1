#include "program.h"

#include <stdio.h>

int main(void)
{
	for (int round = 1; round <= 3; round++)
		for (int i = 0; i < shape_count; i++) {
			double area = shapes[i].area(shapes[i].sizes) * round;
			stats_add(area);
			printf("%-10s x%d %12.6f\n", shapes[i].name, round, area);
		}
	printf("%ld shapes, mean %.9f, deviation %.9f\n", stats_count(), stats_mean(),
	       stats_deviation());
	return 0;
}
