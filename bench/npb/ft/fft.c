#include "fft.h"

#include "ft_params.h"

#include <assert.h>
#include <math.h>

/* Lines transformed together. The scratch buffers hold a block point-major,
 * so the innermost butterfly loop walks neighbouring lines through contiguous
 * memory whichever axis the lines run along. */
#define FFT_BLOCK 16

/* roots_of_unity[half + p] = exp(i pi p / half) for each power of two half
 * below the longest transform, so one table serves every line length. */
static struct complex roots_of_unity[FT_MAX_DIM];
static int roots_length;

/* A block of parallel lines of a grid, as offsets into its cells. */
struct line_block {
	long first;        /* first point of the first line */
	long line_stride;  /* from one line's first point to the next line's */
	long point_stride; /* from one point of a line to the next */
	int length;
	int log2_length;
	int count; /* at most FFT_BLOCK */
};

static int log2_of_power_of_two(int n)
{
	int log2 = 0;

	assert(n > 0 && (n & (n - 1)) == 0);
	while ((1 << log2) < n)
		log2++;
	return log2;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

void fft_init(int longest_length)
{
	const double pi = 3.141592653589793238;

	assert(longest_length <= FT_MAX_DIM);
	for (int half = 1; half < longest_length; half *= 2) {
		for (int p = 0; p < half; p++) {
			double angle = pi * (double)p / (double)half;
			roots_of_unity[half + p] = complex_make(cos(angle), sin(angle));
		}
	}
	roots_length = longest_length;
}

/* exp(-+ i pi p / half); the inverse transform turns the forward's roots. */
static struct complex root_of_unity(enum fft_direction direction, int half, int p)
{
	assert(2 * half <= roots_length);
	struct complex root = roots_of_unity[half + p];
	return direction == FFT_FORWARD ? complex_conj(root) : root;
}

static void butterfly_lines(struct complex twiddle, int count, const struct complex *upper,
                            const struct complex *lower, struct complex *sum,
                            struct complex *twiddled_difference)
{
	for (int line = 0; line < count; line++) {
		sum[line] = complex_add(upper[line], lower[line]);
		twiddled_difference[line] =
		        complex_mul(twiddle, complex_sub(upper[line], lower[line]));
	}
}

/* One radix-2 decimation-in-frequency pass of the Stockham autosort FFT. At
 * pass s the data are 2^s interleaved sequences of length n / 2^s; each is
 * split into its even and odd halves, written to positions that leave the
 * final pass in natural order without a bit-reversal permutation. */
static void stockham_pass(enum fft_direction direction, int pass, const struct line_block *block,
                          const struct complex *source, struct complex *target)
{
	int sequences = 1 << pass;
	int half = block->length >> (pass + 1);

	for (int p = 0; p < half; p++) {
		struct complex twiddle = root_of_unity(direction, half, p);
		for (int q = 0; q < sequences; q++) {
			const struct complex *upper =
			        source + (long)(q + sequences * p) * FFT_BLOCK;
			const struct complex *lower =
			        source + (long)(q + sequences * (p + half)) * FFT_BLOCK;
			struct complex *even = target + (long)(q + sequences * 2 * p) * FFT_BLOCK;
			struct complex *odd =
			        target + (long)(q + sequences * (2 * p + 1)) * FFT_BLOCK;
			butterfly_lines(twiddle, block->count, upper, lower, even, odd);
		}
	}
}

/* Transforms the lines held in lines, ping-ponging through work. */
static void fft_lines(enum fft_direction direction, const struct line_block *block,
                      struct complex *lines, struct complex *work)
{
	struct complex *source = lines;
	struct complex *target = work;

	for (int pass = 0; pass < block->log2_length; pass++) {
		stockham_pass(direction, pass, block, source, target);
		struct complex *swap = source;
		source = target;
		target = swap;
	}
	if (source != lines) {
		for (int point = 0; point < block->length; point++)
			for (int line = 0; line < block->count; line++)
				lines[point * FFT_BLOCK + line] = source[point * FFT_BLOCK + line];
	}
}

static void gather_block(const struct complex *cells, const struct line_block *block,
                         struct complex *lines)
{
	for (int point = 0; point < block->length; point++) {
		const struct complex *row = cells + block->first + point * block->point_stride;
		for (int line = 0; line < block->count; line++)
			lines[point * FFT_BLOCK + line] = row[line * block->line_stride];
	}
}

static void scatter_block(const struct complex *lines, const struct line_block *block,
                          struct complex *cells)
{
	for (int point = 0; point < block->length; point++) {
		struct complex *row = cells + block->first + point * block->point_stride;
		for (int line = 0; line < block->count; line++)
			row[line * block->line_stride] = lines[point * FFT_BLOCK + line];
	}
}

static void transform_block(enum fft_direction direction, const struct line_block *block,
                            struct complex *cells, struct complex *lines, struct complex *work)
{
	gather_block(cells, block, lines);
	fft_lines(direction, block, lines, work);
	scatter_block(lines, block, cells);
}

/* Each axis gets its own driver with its own scratch buffers on the stack, as
 * NPB's cffts1/2/3 do; the drivers differ only in how lines are laid out. */
static void transform_along_x(enum fft_direction direction, struct complex_grid *grid)
{
	struct complex lines[FT_MAX_DIM * FFT_BLOCK];
	struct complex work[FT_MAX_DIM * FFT_BLOCK];
	struct grid_shape shape = grid->shape;
	int log2_length = log2_of_power_of_two(shape.nx);

	for (int z = 0; z < shape.nz; z++) {
		for (int y = 0; y < shape.ny; y += FFT_BLOCK) {
			struct line_block block = {
			        .first = grid_offset(shape, 0, y, z),
			        .line_stride = shape.nx,
			        .point_stride = 1,
			        .length = shape.nx,
			        .log2_length = log2_length,
			        .count = min_int(FFT_BLOCK, shape.ny - y),
			};
			transform_block(direction, &block, grid->cells, lines, work);
		}
	}
}

static void transform_along_y(enum fft_direction direction, struct complex_grid *grid)
{
	struct complex lines[FT_MAX_DIM * FFT_BLOCK];
	struct complex work[FT_MAX_DIM * FFT_BLOCK];
	struct grid_shape shape = grid->shape;
	int log2_length = log2_of_power_of_two(shape.ny);

	for (int z = 0; z < shape.nz; z++) {
		for (int x = 0; x < shape.nx; x += FFT_BLOCK) {
			struct line_block block = {
			        .first = grid_offset(shape, x, 0, z),
			        .line_stride = 1,
			        .point_stride = shape.nx,
			        .length = shape.ny,
			        .log2_length = log2_length,
			        .count = min_int(FFT_BLOCK, shape.nx - x),
			};
			transform_block(direction, &block, grid->cells, lines, work);
		}
	}
}

static void transform_along_z(enum fft_direction direction, struct complex_grid *grid)
{
	struct complex lines[FT_MAX_DIM * FFT_BLOCK];
	struct complex work[FT_MAX_DIM * FFT_BLOCK];
	struct grid_shape shape = grid->shape;
	int log2_length = log2_of_power_of_two(shape.nz);

	for (int y = 0; y < shape.ny; y++) {
		for (int x = 0; x < shape.nx; x += FFT_BLOCK) {
			struct line_block block = {
			        .first = grid_offset(shape, x, y, 0),
			        .line_stride = 1,
			        .point_stride = (long)shape.nx * shape.ny,
			        .length = shape.nz,
			        .log2_length = log2_length,
			        .count = min_int(FFT_BLOCK, shape.nx - x),
			};
			transform_block(direction, &block, grid->cells, lines, work);
		}
	}
}

void fft3d(enum fft_direction direction, struct complex_grid *grid)
{
	if (direction == FFT_FORWARD) {
		transform_along_x(direction, grid);
		transform_along_y(direction, grid);
		transform_along_z(direction, grid);
	} else {
		transform_along_z(direction, grid);
		transform_along_y(direction, grid);
		transform_along_x(direction, grid);
	}
}
