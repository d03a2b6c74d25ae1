/* Stresses: heap-allocated lists and trees whose nodes point into arrays and
 * structs living in the frames of outer callers (and stack structs pointing
 * back at heap nodes), updated through those pointers by deeper calls and
 * checked by the owning frames after the calls return. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t checksum;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

static void *xmalloc(size_t size)
{
	void *p = malloc(size);
	if (!p) {
		perror("malloc");
		exit(EXIT_FAILURE);
	}
	return p;
}

/* A list of pointers to int cells owned by various frames. */
struct cell_ref {
	struct cell_ref *next;
	int *slot;
	int owner_level;
};

/* A binary search tree whose payload lives on the stack. */
struct tree_node {
	struct tree_node *left, *right;
	long key;
	long *counter;
	double *weight;
};

/* A stack struct that points at heap nodes, pointed at from the heap. */
struct frame_summary {
	struct cell_ref *first_ref;
	long touched;
	int level;
};

struct registry {
	struct cell_ref *refs;
	struct tree_node *root;
	struct frame_summary **summaries; /* heap array of pointers into frames */
	int summary_count;
	long *grand_total; /* points at a local of the outermost level */
};

static void register_cells(struct registry *reg, int *cells, int count, int level)
{
	for (int i = 0; i < count; i++) {
		struct cell_ref *ref = xmalloc(sizeof *ref);
		ref->slot = &cells[i];
		ref->owner_level = level;
		ref->next = reg->refs;
		reg->refs = ref;
	}
}

static void unregister_level(struct registry *reg, int level)
{
	while (reg->refs && reg->refs->owner_level == level) {
		struct cell_ref *next = reg->refs->next;
		free(reg->refs);
		reg->refs = next;
	}
}

static struct tree_node *tree_insert(struct tree_node *root, long key, long *counter, double *weight)
{
	if (!root) {
		struct tree_node *node = xmalloc(sizeof *node);
		node->left = node->right = NULL;
		node->key = key;
		node->counter = counter;
		node->weight = weight;
		return node;
	}
	if (key < root->key)
		root->left = tree_insert(root->left, key, counter, weight);
	else
		root->right = tree_insert(root->right, key, counter, weight);
	return root;
}

static int owns_counter(const struct tree_node *node, const long *counters, int count)
{
	for (int i = 0; i < count; i++)
		if (node->counter == &counters[i])
			return 1;
	return 0;
}

/* Removes every node whose counter is one of counters[0..count): the nodes
 * one frame inserted. */
static struct tree_node *tree_prune(struct tree_node *root, const long *counters, int count)
{
	if (!root)
		return NULL;
	root->left = tree_prune(root->left, counters, count);
	root->right = tree_prune(root->right, counters, count);
	if (owns_counter(root, counters, count)) {
		/* Splice: hang the right subtree under the rightmost of the left. */
		struct tree_node *left = root->left, *right = root->right;
		free(root);
		if (!left)
			return right;
		struct tree_node *r = left;
		while (r->right)
			r = r->right;
		r->right = right;
		return left;
	}
	return root;
}

static long tree_bump(struct tree_node *node, int depth, long amount)
{
	if (!node)
		return 0;
	long below = tree_bump(node->left, depth + 1, amount + 1);
	*node->counter += amount + depth;
	*node->weight = *node->weight * 0.5 + (double)node->key;
	below += tree_bump(node->right, depth + 1, amount * 2 % 97);
	return below + node->key * depth;
}

static long walk_refs(struct registry *reg, int round)
{
	long sum = 0;
	int position = 0;
	for (struct cell_ref *ref = reg->refs; ref; ref = ref->next, position++) {
		*ref->slot = *ref->slot * 3 + round + ref->owner_level - position % 5;
		*ref->slot %= 100003;
		sum += *ref->slot;
	}
	for (int i = 0; i < reg->summary_count; i++)
		reg->summaries[i]->touched += sum % 1000 + i;
	*reg->grand_total += sum;
	return sum;
}

static void add_summary(struct registry *reg, struct frame_summary *summary)
{
	reg->summaries = realloc(reg->summaries, (size_t)(reg->summary_count + 1) * sizeof *reg->summaries);
	if (!reg->summaries) {
		perror("realloc");
		exit(EXIT_FAILURE);
	}
	reg->summaries[reg->summary_count++] = summary;
}

static void drop_summary(struct registry *reg)
{
	reg->summary_count--;
}

/* Innermost level: recursive, each instance owning cells of its own. */
static long level3(struct registry *reg, int round, int depth)
{
	int cells[6];
	long counters[3];
	double weights[3];
	struct frame_summary summary = {NULL, 0, 30 + depth};
	for (int i = 0; i < 6; i++)
		cells[i] = round * 10 + depth + i;
	for (int i = 0; i < 3; i++) {
		counters[i] = 0;
		weights[i] = 1.0 + i;
		reg->root = tree_insert(reg->root, (long)((round * 37 + depth * 11 + i * 53) % 101),
					&counters[i], &weights[i]);
	}
	register_cells(reg, cells, 6, 30 + depth);
	summary.first_ref = reg->refs;
	add_summary(reg, &summary);

	long result = walk_refs(reg, round);
	if (depth > 0)
		result += level3(reg, round, depth - 1);
	else
		result += tree_bump(reg->root, 0, round);
	result += walk_refs(reg, round + 1);

	/* The heap node recorded in our summary must still point at our cells. */
	long own = summary.first_ref->slot == &cells[5] ? 1 : -1000000;
	for (int i = 0; i < 6; i++)
		own += cells[i];
	for (int i = 0; i < 3; i++)
		own += counters[i] * 7 + (long)(weights[i] * 8.0);
	own += summary.touched;
	drop_summary(reg);
	unregister_level(reg, 30 + depth);
	reg->root = tree_prune(reg->root, counters, 3);
	if (depth % 4 == 0)
		printf("    level3 round %d depth %2d: cells %d %d %d %d %d %d counters %ld %ld %ld touched %ld\n",
		       round, depth, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
		       counters[0], counters[1], counters[2], summary.touched);
	feed((uint64_t)own);
	return result % 1000000007L + own;
}

static long level2(struct registry *reg, int block)
{
	int grid[4][5];
	long counters[5];
	double weights[5];
	struct frame_summary summary = {NULL, 0, 20};
	for (int r = 0; r < 4; r++)
		for (int c = 0; c < 5; c++)
			grid[r][c] = block * 100 + r * 5 + c;
	for (int i = 0; i < 5; i++) {
		counters[i] = -i;
		weights[i] = 0.25 * i;
		reg->root = tree_insert(reg->root, (long)((block * 13 + i * 29) % 101), &counters[i],
					&weights[i]);
	}
	register_cells(reg, &grid[0][0], 20, 20);
	summary.first_ref = reg->refs;
	add_summary(reg, &summary);

	long result = 0;
	for (int round = 0; round < 3; round++)
		result += level3(reg, block * 3 + round, 12);

	drop_summary(reg);
	unregister_level(reg, 20);
	reg->root = tree_prune(reg->root, counters, 5);
	printf("  level2 block %d: grid", block);
	uint64_t h = 0;
	for (int r = 0; r < 4; r++)
		for (int c = 0; c < 5; c++) {
			printf(" %d", grid[r][c]);
			h = h * 1000003u + (uint64_t)grid[r][c];
		}
	printf("\n  level2 block %d: counters %ld %ld %ld %ld %ld weights %.17g %.17g %.17g touched %ld\n",
	       block, counters[0], counters[1], counters[2], counters[3], counters[4], weights[0],
	       weights[2], weights[4], summary.touched);
	feed(h);
	feed((uint64_t)summary.touched);
	return result;
}

static long level1(void)
{
	long grand_total = 0;
	int outer[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	struct registry *reg = xmalloc(sizeof *reg);
	reg->refs = NULL;
	reg->root = NULL;
	reg->summaries = NULL;
	reg->summary_count = 0;
	reg->grand_total = &grand_total;
	register_cells(reg, outer, 8, 10);

	long result = 0;
	for (int block = 0; block < 3; block++)
		result = (result * 17 + level2(reg, block)) % 1000000007L;

	printf("level1: outer %d %d %d %d %d %d %d %d grand_total %ld tree %s\n", outer[0],
	       outer[1], outer[2], outer[3], outer[4], outer[5], outer[6], outer[7], grand_total,
	       reg->root ? "non-empty" : "empty");
	for (int i = 0; i < 8; i++)
		feed((uint64_t)outer[i]);
	feed((uint64_t)grand_total);
	unregister_level(reg, 10);
	free(reg->summaries);
	free(reg);
	return result;
}

int main(void)
{
	long r = level1();
	printf("result: %ld\n", r);
	feed((uint64_t)r);
	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
