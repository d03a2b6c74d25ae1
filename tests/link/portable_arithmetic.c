/* Results that differ between x86_64 and aarch64 unless both compile with
 * xmig's portable flags: a*b+c is fused into one rounding on aarch64 when
 * contraction is allowed, and plain char is unsigned there. Prints the exact
 * bits (%a) so that a one-ulp difference shows. */
#include <stdio.h>

/* volatile: the values must reach the arithmetic at run time, not be folded. */
static volatile double inputs[][3] = {
        {0.1, 10.0, -1.0},
        {1.0 / 3.0, 3.0, -1.0},
        {1e16 + 1.0, 1e16 - 1.0, -1e32},
        {0.7, 0.7, -0.49},
};

static double multiply_add(double a, double b, double c)
{
	return a * b + c;
}

static double dot(const double *x, const double *y, int n)
{
	double sum = 0.0;
	for (int i = 0; i < n; i++)
		sum += x[i] * y[i];
	return sum;
}

int main(void)
{
	for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		printf("multiply_add[%u] = %a\n", i,
		       multiply_add(inputs[i][0], inputs[i][1], inputs[i][2]));
	double x[5], y[5];
	for (int i = 0; i < 5; i++) {
		x[i] = inputs[i % 4][0] * (i + 1);
		y[i] = inputs[(i + 1) % 4][1] / (i + 2);
	}
	printf("dot = %a\n", dot(x, y, 5));
	volatile int byte = 200;
	char c = (char)byte;
	printf("(char)200 %s 0\n", c < 0 ? "<" : ">=");
	return 0;
}
