#include "npb_results.h"

#include <stdio.h>
#include <stdlib.h>

void npb_print_results(const struct npb_results *results)
{
	printf("\n\n %s Benchmark Completed.\n", results->name);
	printf(" Class           =                        %c\n", results->problem_class);
	if (results->size[1] == 0 && results->size[2] == 0)
		printf(" Size            =             %12ld\n", results->size[0]);
	else
		printf(" Size            =           %4ldx%4ldx%4ld\n", results->size[0],
		       results->size[1], results->size[2]);
	printf(" Iterations      =             %12d\n", results->iterations);
	printf(" Time in seconds =             %12.2f\n", results->seconds);
	printf(" Mop/s total     =          %15.2f\n", results->mops);
	printf(" Operation type  = %24s\n", results->operation);
	printf(" Verification    =             %12s\n",
	       results->verified ? "SUCCESSFUL" : "UNSUCCESSFUL");
	fflush(stdout);
}

int npb_exit_status(bool verified)
{
	return verified ? EXIT_SUCCESS : EXIT_FAILURE;
}
