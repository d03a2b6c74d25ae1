/* The right-hand side v (NPB's zran3): zero everywhere except +1 at the ten points where a
 * uniform random field over the interior is largest and -1 at the ten where it is smallest.
 *
 * The random field is generated row by row, each row and plane starting from a seed jumped
 * ahead by a power of the multiplier; that is how NPB lets any subgrid be generated
 * independently, and it yields the same sequence as one long stream here. */
#include "mg.h"

#include <stdbool.h>

#include "npb_random.h"

#define MG_SEED       314159265.0
#define EXTREME_COUNT 10

struct extreme_point {
	double value;
	int i1, i2, i3;
};

/* Each table is kept ordered so that entry 0 is its weakest member, the one a new candidate
 * has to beat: ascending for the largest values, descending for the smallest. */
static struct extreme_point largest[EXTREME_COUNT];
static struct extreme_point smallest[EXTREME_COUNT];

/* multiplier^exponent mod 2^46, by repeated squaring. */
static double multiplier_power(long exponent)
{
	double result = 1.0;
	double square = NPB_RANDOM_MULTIPLIER;

	while (exponent != 0) {
		if (exponent % 2 != 0)
			randlc(&result, square);
		randlc(&square, square);
		exponent /= 2;
	}
	return result;
}

static void fill_random_interior(int n1, int n2, int n3, double v[][n2][n1])
{
	const double row_jump = multiplier_power(n1 - 2);
	const double plane_jump = multiplier_power((long)(n1 - 2) * (n2 - 2));
	double plane_seed = MG_SEED;

	for (int i3 = 1; i3 < n3 - 1; i3++) {
		double row_seed = plane_seed;
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			double seed = row_seed;
			vranlc(n1 - 2, &seed, NPB_RANDOM_MULTIPLIER, &v[i3][i2][1]);
			randlc(&row_seed, row_jump);
		}
		randlc(&plane_seed, plane_jump);
	}
}

static bool ranks_before(double candidate, double incumbent, bool keep_largest)
{
	return keep_largest ? candidate > incumbent : candidate < incumbent;
}

/* Entry 0 has just been replaced by a stronger candidate: move it up to its place. */
static void sift_up(struct extreme_point table[EXTREME_COUNT], bool keep_largest)
{
	for (int i = 0; i < EXTREME_COUNT - 1; i++) {
		if (!ranks_before(table[i].value, table[i + 1].value, keep_largest))
			return;
		struct extreme_point moved = table[i];
		table[i] = table[i + 1];
		table[i + 1] = moved;
	}
}

static void offer_candidate(struct extreme_point table[EXTREME_COUNT], bool keep_largest,
                            double value, int i1, int i2, int i3)
{
	if (!ranks_before(value, table[0].value, keep_largest))
		return;
	table[0] = (struct extreme_point){.value = value, .i1 = i1, .i2 = i2, .i3 = i3};
	sift_up(table, keep_largest);
}

static void find_extremes(int n1, int n2, int n3, double v[][n2][n1])
{
	/* Random values lie in (0, 1), so these sentinels lose to the first ten points. */
	for (int i = 0; i < EXTREME_COUNT; i++) {
		largest[i] = (struct extreme_point){.value = 0.0};
		smallest[i] = (struct extreme_point){.value = 1.0};
	}
	for (int i3 = 1; i3 < n3 - 1; i3++) {
		for (int i2 = 1; i2 < n2 - 1; i2++) {
			for (int i1 = 1; i1 < n1 - 1; i1++) {
				offer_candidate(largest, true, v[i3][i2][i1], i1, i2, i3);
				offer_candidate(smallest, false, v[i3][i2][i1], i1, i2, i3);
			}
		}
	}
}

void initialise_rhs(double *v_field, struct grid_shape shape)
{
	const int n1 = shape.n1, n2 = shape.n2, n3 = shape.n3;
	double(*v)[n2][n1] = (double(*)[n2][n1])v_field;

	grid_zero(v_field, shape);
	fill_random_interior(n1, n2, n3, v);
	find_extremes(n1, n2, n3, v);

	grid_zero(v_field, shape);
	for (int i = EXTREME_COUNT - 1; i >= 0; i--)
		v[smallest[i].i3][smallest[i].i2][smallest[i].i1] = -1.0;
	for (int i = EXTREME_COUNT - 1; i >= 0; i--)
		v[largest[i].i3][largest[i].i2][largest[i].i1] = 1.0;
	apply_periodic_boundary(v_field, shape);
}
