/* A hot loop that makes no call, in no other loop, as in programs that
 * spend their run walking one array: under the default loop policy it
 * reaches no migration point until it ends; under --loop-points=bounded
 * every iteration reaches one. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000000;
	unsigned long size = 1ul << 16, sum = 0;
	unsigned long *table = malloc(size * sizeof *table);
	if (!table)
		return 1;
	for (unsigned long i = 0; i < size; i++)
		table[i] = i * 2654435761u;
	for (unsigned long i = 0; i < rounds; i++)
		sum += table[(i * 7) & (size - 1)] ^ i;
	printf("%lu\n", sum);
	free(table);
	return 0;
}
