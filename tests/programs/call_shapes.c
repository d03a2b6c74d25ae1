/* Stresses: recursion, function pointers held in a global table and on the
 * heap, structs passed and returned by value, doubles and signed chars whose
 * results must be identical on both ISAs, heap lists, and argv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vector3 {
	double x, y, z;
};

struct node {
	struct node *next;
	long value;
	long (*combine)(long, long);
};

static long add(long a, long b)
{
	return a + b;
}

static long mix(long a, long b)
{
	return a * 31 + (b ^ (a >> 3));
}

static long (*const combiners[])(long, long) = {add, mix};

static struct vector3 scale_and_add(struct vector3 a, struct vector3 b, double factor)
{
	struct vector3 result = {a.x * factor + b.x, a.y * factor + b.y, a.z * factor + b.z};
	return result;
}

static long ackermann_bounded(long m, long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann_bounded(m - 1, 1);
	return ackermann_bounded(m - 1, ackermann_bounded(m, n - 1));
}

static struct node *build_list(int length)
{
	struct node *head = NULL;
	for (int i = 0; i < length; i++) {
		struct node *node = malloc(sizeof *node);
		if (!node) {
			perror("malloc");
			exit(EXIT_FAILURE);
		}
		node->next = head;
		node->value = i * 7 - 3;
		node->combine = combiners[i % 2];
		head = node;
	}
	return head;
}

static long fold_list(const struct node *node, long accumulator)
{
	for (; node; node = node->next)
		accumulator = node->combine(accumulator, node->value);
	return accumulator;
}

static void free_list(struct node *node)
{
	while (node) {
		struct node *next = node->next;
		free(node);
		node = next;
	}
}

static double series(int terms)
{
	double sum = 0.0;
	for (int k = 1; k <= terms; k++)
		sum += (k % 2 ? 1.0 : -1.0) * 1.0 / (2.0 * k - 1.0) + 1e-3 * k * 0.5;
	return sum;
}

int main(int argc, char **argv)
{
	printf("arguments: %d\n", argc - 1);
	for (int i = 1; i < argc; i++)
		printf("  argv[%d] = %s (%zu bytes)\n", i, argv[i], strlen(argv[i]));

	char signed_byte = (char)0xf0;
	printf("plain char 0xf0 as int: %d\n", signed_byte);

	printf("ackermann(2, 3) = %ld\n", ackermann_bounded(2, 3));

	struct node *list = build_list(1000);
	printf("fold = %ld\n", fold_list(list, 1));
	free_list(list);

	struct vector3 position = {1.0, -2.0, 0.5};
	struct vector3 velocity = {0.25, 0.125, -1.0 / 3.0};
	for (int step = 0; step < 100; step++)
		position = scale_and_add(position, velocity, 0.999);
	printf("position = %.17g %.17g %.17g\n", position.x, position.y, position.z);

	printf("series = %.17g\n", series(100000));
	return (int)(ackermann_bounded(1, 2) % 7);
}
