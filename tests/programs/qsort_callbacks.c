/* Stresses: program code running above libc frames — qsort and bsearch with
 * comparators that call further program functions (recursive helpers, a
 * nested qsort on local arrays inside a comparator, calls through function
 * pointers), sorting arrays of structs and arrays of pointers several ways. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORDS 300

struct record {
	int id;
	char name[12];
	double score;
	long key;
	int tags[4];
};

static uint64_t checksum;
static uint32_t rng_state = 2463534242u;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

static uint32_t next_random(void)
{
	/* xorshift32 */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static const char *const syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu"};

static void make_records(struct record *records, int count)
{
	for (int i = 0; i < count; i++) {
		struct record *r = &records[i];
		r->id = i;
		r->name[0] = '\0';
		int parts = 2 + (int)(next_random() % 4);
		for (int p = 0; p < parts; p++)
			strcat(r->name, syllables[next_random() % 10]);
		r->score = (double)(next_random() % 100000) / 64.0 - 500.0;
		r->key = (long)(next_random() % 1000000) * 37 - 5000000;
		for (int t = 0; t < 4; t++)
			r->tags[t] = (int)(next_random() % 9);
	}
}

/* ---- helpers the comparators call ---- */

static int vowel_weight(const char *s)
{
	int w = 0;
	for (; *s; s++)
		if (strchr("aeiou", *s))
			w += *s - 'a' + 1;
	return w;
}

static long digit_sum(long v)
{
	if (v < 0)
		return digit_sum(-v);
	if (v < 10)
		return v;
	return v % 10 + digit_sum(v / 10);
}

static double bucket_of(double score)
{
	double b = score / 100.0;
	return (double)(long)b;
}

static int compare_ids(const struct record *a, const struct record *b)
{
	return (a->id > b->id) - (a->id < b->id);
}

/* ---- comparators ---- */

static int by_name(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	int wa = vowel_weight(a->name), wb = vowel_weight(b->name);
	if (wa != wb)
		return wa < wb ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : compare_ids(a, b);
}

static int by_score_descending(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	double ba = bucket_of(a->score), bb = bucket_of(b->score);
	if (ba != bb)
		return ba > bb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return compare_ids(a, b);
}

static int compare_ints(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

/* Compares the sorted multisets of tags: qsort inside a qsort comparator. */
static int by_sorted_tags(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	int ta[4], tb[4];
	memcpy(ta, a->tags, sizeof ta);
	memcpy(tb, b->tags, sizeof tb);
	qsort(ta, 4, sizeof ta[0], compare_ints);
	qsort(tb, 4, sizeof tb[0], compare_ints);
	for (int i = 0; i < 4; i++)
		if (ta[i] != tb[i])
			return ta[i] < tb[i] ? -1 : 1;
	return compare_ids(a, b);
}

static int by_digit_sum(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	long da = digit_sum(a->key), db = digit_sum(b->key);
	if (da != db)
		return da < db ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return compare_ids(a, b);
}

static int by_key(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return compare_ids(a, b);
}

/* For arrays of pointers: dereference and dispatch through a global. */
static int (*pointer_order)(const void *, const void *);

static int through_pointers(const void *pa, const void *pb)
{
	const struct record *const *a = pa, *const *b = pb;
	return pointer_order(*a, *b);
}

static int key_matches(const void *pkey, const void *pelem)
{
	long key = *(const long *)pkey;
	const struct record *r = pelem;
	return (key > r->key) - (key < r->key);
}

/* ---- reporting ---- */

static void report(const char *what, const struct record *records, int count)
{
	uint64_t h = 0;
	for (int i = 0; i < count; i++)
		h = (h ^ (uint64_t)records[i].id) * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
	printf("%-14s first:", what);
	for (int i = 0; i < 4; i++)
		printf(" %d:%s", records[i].id, records[i].name);
	printf("  last:");
	for (int i = count - 3; i < count; i++)
		printf(" %d", records[i].id);
	printf("  order=%016llx\n", (unsigned long long)h);
	feed(h);
}

static int check_sorted(const struct record *records, int count, int (*cmp)(const void *, const void *))
{
	for (int i = 1; i < count; i++)
		if (cmp(&records[i - 1], &records[i]) >= 0)
			return 0;
	return 1;
}

int main(void)
{
	static struct record heap_copy_template[RECORDS];
	struct record records[RECORDS];
	make_records(records, RECORDS);
	memcpy(heap_copy_template, records, sizeof records);

	static const struct {
		const char *name;
		int (*cmp)(const void *, const void *);
	} sorts[] = {
		{"by_name", by_name},
		{"by_score", by_score_descending},
		{"by_tags", by_sorted_tags},
		{"by_digit_sum", by_digit_sum},
		{"by_key", by_key},
	};
	for (size_t s = 0; s < sizeof sorts / sizeof sorts[0]; s++) {
		qsort(records, RECORDS, sizeof records[0], sorts[s].cmp);
		report(sorts[s].name, records, RECORDS);
		printf("%-14s sorted: %s\n", sorts[s].name,
		       check_sorted(records, RECORDS, sorts[s].cmp) ? "yes" : "NO");
	}

	/* records is now sorted by key: bsearch for present and absent keys. */
	int found = 0, missing = 0;
	long found_ids = 0;
	for (int i = 0; i < 60; i++) {
		long key = i % 3 ? heap_copy_template[(i * 7) % RECORDS].key : (long)i * 1001 - 3;
		const struct record *hit = bsearch(&key, records, RECORDS, sizeof records[0], key_matches);
		if (hit) {
			found++;
			found_ids = (found_ids * 31 + hit->id) % 1000000007L;
		} else {
			missing++;
		}
	}
	printf("bsearch: found %d missing %d ids %ld\n", found, missing, found_ids);
	feed((uint64_t)found_ids);

	/* Heap array of pointers into a heap copy, sorted through a dispatcher. */
	struct record *heap_records = malloc(sizeof heap_copy_template);
	const struct record **pointers = malloc(RECORDS * sizeof *pointers);
	if (!heap_records || !pointers) {
		perror("malloc");
		return EXIT_FAILURE;
	}
	memcpy(heap_records, heap_copy_template, sizeof heap_copy_template);
	for (int i = 0; i < RECORDS; i++)
		pointers[i] = &heap_records[RECORDS - 1 - i];
	int (*const orders[])(const void *, const void *) = {by_sorted_tags, by_name, by_digit_sum};
	for (int o = 0; o < 3; o++) {
		pointer_order = orders[o];
		qsort(pointers, RECORDS, sizeof pointers[0], through_pointers);
		uint64_t h = 0;
		for (int i = 0; i < RECORDS; i++)
			h = h * 1000003u + (uint64_t)pointers[i]->id;
		printf("pointers %d: %d %d %d ... %d  order=%016llx\n", o, pointers[0]->id,
		       pointers[1]->id, pointers[2]->id, pointers[RECORDS - 1]->id, (unsigned long long)h);
		feed(h);
	}
	free(pointers);
	free(heap_records);

	/* Plain ints, searched with bsearch. */
	int values[500];
	for (int i = 0; i < 500; i++)
		values[i] = (int)(next_random() % 2000) - 1000;
	qsort(values, 500, sizeof values[0], compare_ints);
	int hits = 0;
	for (int probe = -1000; probe < 1000; probe += 7)
		hits += bsearch(&probe, values, 500, sizeof values[0], compare_ints) != NULL;
	printf("ints: min %d median %d max %d, bsearch hits %d\n", values[0], values[250], values[499], hits);
	feed((uint64_t)hits);
	feed((uint64_t)(values[0] + values[250] * 7 + values[499] * 13));

	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
