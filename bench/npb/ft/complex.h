/* Complex arithmetic on a plain struct rather than C99 _Complex, so that the
 * values live in memory as two ordinary doubles and travel through calls as
 * small structs passed and returned by value. */
#ifndef FT_COMPLEX_H
#define FT_COMPLEX_H

struct complex {
	double real;
	double imag;
};

static inline struct complex complex_make(double real, double imag)
{
	struct complex result = {real, imag};
	return result;
}

static inline struct complex complex_add(struct complex a, struct complex b)
{
	return complex_make(a.real + b.real, a.imag + b.imag);
}

static inline struct complex complex_sub(struct complex a, struct complex b)
{
	return complex_make(a.real - b.real, a.imag - b.imag);
}

/* Each product gets its own statement: a compiler may fuse a multiply and an
 * add only inside one expression, and a fused multiply-add on one ISA but not
 * the other would make the checksums differ in their last bits. */
static inline struct complex complex_mul(struct complex a, struct complex b)
{
	double real_real = a.real * b.real;
	double imag_imag = a.imag * b.imag;
	double real_imag = a.real * b.imag;
	double imag_real = a.imag * b.real;
	return complex_make(real_real - imag_imag, real_imag + imag_real);
}

static inline struct complex complex_scale(struct complex a, double factor)
{
	return complex_make(a.real * factor, a.imag * factor);
}

static inline struct complex complex_conj(struct complex a)
{
	return complex_make(a.real, -a.imag);
}

#endif
