/* Dense vector kernels of the CG iteration; n is the length of every vector. */
#ifndef VECTOR_OPS_H
#define VECTOR_OPS_H

double dot_product(int n, const double *a, const double *b);

/* Sum of (a[i] - b[i])^2. */
double squared_distance(int n, const double *a, const double *b);

void fill_vector(int n, double value, double *destination);
void copy_vector(int n, const double *source, double *destination);

/* y = y + alpha * x */
void add_scaled(int n, double alpha, const double *x, double *y);

/* y = x + beta * y */
void add_to_scaled(int n, const double *x, double beta, double *y);

/* y = alpha * x */
void scale_into(int n, double alpha, const double *x, double *y);

#endif
