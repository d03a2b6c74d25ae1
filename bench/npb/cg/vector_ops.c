/* Sums run in index order: reassociating them would change the rounding and
 * with it the printed residuals. */
#include "vector_ops.h"

double dot_product(int n, const double *a, const double *b)
{
	double sum = 0.0;
	for (int i = 0; i < n; i++)
		sum += a[i] * b[i];
	return sum;
}

double squared_distance(int n, const double *a, const double *b)
{
	double sum = 0.0;
	for (int i = 0; i < n; i++) {
		double difference = a[i] - b[i];
		sum += difference * difference;
	}
	return sum;
}

void fill_vector(int n, double value, double *destination)
{
	for (int i = 0; i < n; i++)
		destination[i] = value;
}

void copy_vector(int n, const double *source, double *destination)
{
	for (int i = 0; i < n; i++)
		destination[i] = source[i];
}

void add_scaled(int n, double alpha, const double *x, double *y)
{
	for (int i = 0; i < n; i++)
		y[i] = y[i] + alpha * x[i];
}

void add_to_scaled(int n, const double *x, double beta, double *y)
{
	for (int i = 0; i < n; i++)
		y[i] = x[i] + beta * y[i];
}

void scale_into(int n, double alpha, const double *x, double *y)
{
	for (int i = 0; i < n; i++)
		y[i] = alpha * x[i];
}
