/* Stresses: static local variables that persist across calls (counters, a
 * memo table, a pointer into a string literal), const lookup tables, string
 * literals, and function-pointer tables both in globals (const and mutable)
 * and on the heap; a tokenizer state machine driven by a function-pointer
 * table walks a program text kept in a string literal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t checksum;

static void feed(uint64_t v)
{
	checksum = (checksum ^ v) * 0x100000001b3ULL;
}

/* ---- static locals ---- */

static int next_id(void)
{
	static int counter = 100;
	return counter++;
}

static long fib_memo(int n)
{
	static long memo[91];
	static int hits;
	if (n < 0) /* query the hit counter */
		return hits;
	if (n < 2)
		return n;
	if (memo[n]) {
		hits++;
		return memo[n];
	}
	memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
	return memo[n];
}

static const char *remember_word(const char *word)
{
	static const char *previous = "(none)";
	const char *old = previous;
	previous = word;
	return old;
}

static int deepest(int depth)
{
	static int max_seen;
	if (depth > max_seen)
		max_seen = depth;
	if (depth < 40 && depth % 7 != 6)
		deepest(depth + 1 + (depth % 3 == 0));
	return max_seen;
}

/* ---- const tables ---- */

static const unsigned short primes[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
					43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

static const char *const keywords[] = {"let", "print", "if", "then", "else", "end", "while", "do"};

static const struct {
	const char *name;
	int precedence;
	char symbol;
} operators[] = {
	{"plus", 1, '+'}, {"minus", 1, '-'}, {"times", 2, '*'}, {"divide", 2, '/'},
	{"assign", 0, '='}, {"semicolon", -1, ';'}, {"open", 9, '('}, {"close", 9, ')'},
};

static const char program_text[] =
	"let alpha = 12 + 34 * (5 - 2);\n"
	"# a comment with words and 99 numbers + symbols\n"
	"print alpha;\n"
	"while alpha do let alpha = alpha - 7; end\n"
	"if beta then print 1234567 else print gamma / 3 end\n"
	"let delta=((alpha+beta)*(gamma-delta))/42;print delta;\n";

/* ---- the tokenizer state machine ---- */

enum state { S_START, S_NUMBER, S_WORD, S_COMMENT, S_COUNT };

struct machine {
	enum state state;
	long number;
	char word[32];
	int word_length;
	int counts[5]; /* numbers, keywords, identifiers, operators, comments */
	long number_sum;
	uint64_t word_hash;
	int operator_precedence_sum;
};

static int keyword_index(const char *word)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strcmp(keywords[i], word) == 0)
			return (int)i;
	return -1;
}

static void finish_word(struct machine *m)
{
	m->word[m->word_length] = '\0';
	int k = keyword_index(m->word);
	const char *previous = remember_word(k >= 0 ? keywords[k] : "identifier");
	if (k >= 0)
		m->counts[1]++;
	else
		m->counts[2]++;
	for (int i = 0; i < m->word_length; i++)
		m->word_hash = m->word_hash * 131u + (unsigned char)m->word[i] + (unsigned)k;
	m->word_hash += strlen(previous);
	m->word_length = 0;
}

static void finish_number(struct machine *m)
{
	m->counts[0]++;
	m->number_sum = m->number_sum * 3 + m->number * primes[m->counts[0] % 25];
	m->number = 0;
}

static enum state on_symbol(struct machine *m, char c)
{
	if (c == '#') {
		m->counts[4]++;
		return S_COMMENT;
	}
	for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (operators[i].symbol == c) {
			m->counts[3]++;
			m->operator_precedence_sum += operators[i].precedence * (int)strlen(operators[i].name);
		}
	return S_START;
}

static enum state state_start(struct machine *m, char c)
{
	if (c >= '0' && c <= '9') {
		m->number = c - '0';
		return S_NUMBER;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		m->word[0] = c;
		m->word_length = 1;
		return S_WORD;
	}
	return on_symbol(m, c);
}

static enum state state_number(struct machine *m, char c)
{
	if (c >= '0' && c <= '9') {
		m->number = m->number * 10 + (c - '0');
		return S_NUMBER;
	}
	finish_number(m);
	return state_start(m, c);
}

static enum state state_word(struct machine *m, char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		if (m->word_length < (int)sizeof m->word - 1)
			m->word[m->word_length++] = c;
		return S_WORD;
	}
	finish_word(m);
	return state_start(m, c);
}

static enum state state_comment(struct machine *m, char c)
{
	(void)m;
	return c == '\n' ? S_START : S_COMMENT;
}

static enum state (*const transitions[S_COUNT])(struct machine *, char) = {
	state_start, state_number, state_word, state_comment,
};

static const char *const state_names[S_COUNT] = {"start", "number", "word", "comment"};

static void run_machine(const char *text, struct machine *m)
{
	static int runs;
	int visits[S_COUNT] = {0};
	memset(m, 0, sizeof *m);
	runs++;
	for (const char *p = text;; p++) {
		visits[m->state]++;
		m->state = transitions[m->state](m, *p ? *p : ' ');
		if (!*p)
			break;
	}
	printf("  run %d (id %d): numbers %d keywords %d identifiers %d operators %d comments %d\n",
	       runs, next_id(), m->counts[0], m->counts[1], m->counts[2], m->counts[3], m->counts[4]);
	printf("  run %d: number_sum %ld word_hash %016llx precedence %d\n", runs, m->number_sum,
	       (unsigned long long)m->word_hash, m->operator_precedence_sum);
	for (int s = 0; s < S_COUNT; s++) {
		printf("  run %d: visits %-7s %d\n", runs, state_names[s], visits[s]);
		feed((uint64_t)visits[s]);
	}
	for (int i = 0; i < 5; i++)
		feed((uint64_t)m->counts[i]);
	feed((uint64_t)m->number_sum);
	feed(m->word_hash);
}

/* ---- function-pointer tables, global mutable and on the heap ---- */

static long op_double(long x) { return x * 2; }
static long op_square_mod(long x) { return x * x % 1000003; }
static long op_add_id(long x) { return x + next_id(); }
static long op_fib(long x) { return fib_memo((int)(x % 90)) % 1000000007L + x; }
static long op_negate_xor(long x) { return -(x ^ 0x5a5a); }

static long (*mutable_table[])(long) = {op_double, op_square_mod, op_add_id, op_fib, op_negate_xor};
#define TABLE_SIZE ((int)(sizeof mutable_table / sizeof mutable_table[0]))

struct heap_dispatch {
	int count;
	const char *label;
	long (*ops[])(long);
};

int main(void)
{
	for (int i = 0; i < 3; i++)
		printf("next_id: %d\n", next_id());

	printf("fib(90) = %ld\n", fib_memo(90));
	printf("fib(45) = %ld\n", fib_memo(45));
	printf("memo hits = %ld\n", fib_memo(-1));
	feed((uint64_t)fib_memo(90));

	int first_deepest = deepest(0);
	int second_deepest = deepest(10);
	printf("deepest: %d %d\n", first_deepest, second_deepest);

	struct machine m;
	run_machine(program_text, &m);
	run_machine("let x = 1; print x + 2 # done", &m);
	run_machine(program_text + 31, &m);
	printf("last word kind: %s\n", remember_word("final"));

	/* The mutable global table is rotated while being used. */
	long x = 7;
	for (int round = 0; round < 12; round++) {
		x = mutable_table[round % TABLE_SIZE](x) % 1000000007L;
		if (round % 4 == 3) {
			long (*first)(long) = mutable_table[0];
			memmove(&mutable_table[0], &mutable_table[1], (TABLE_SIZE - 1) * sizeof mutable_table[0]);
			mutable_table[TABLE_SIZE - 1] = first;
		}
		printf("table round %2d: x = %ld\n", round, x);
		feed((uint64_t)x);
	}

	/* A heap table with a flexible array member, filled in permuted order. */
	struct heap_dispatch *hd = malloc(sizeof *hd + 8 * sizeof hd->ops[0]);
	if (!hd) {
		perror("malloc");
		return EXIT_FAILURE;
	}
	hd->count = 8;
	hd->label = "heap dispatch";
	for (int i = 0; i < hd->count; i++)
		hd->ops[i] = mutable_table[(i * 3 + 1) % TABLE_SIZE];
	long y = 11;
	for (int step = 0; step < 40; step++) {
		y = hd->ops[(step * 5) % hd->count](y) % 1000000007L;
		if (step % 8 == 7) {
			printf("%s step %2d: y = %ld\n", hd->label, step, y);
			feed((uint64_t)y);
		}
	}
	free(hd);

	printf("ids handed out: %d\n", next_id() - 100);
	printf("memo hits = %ld\n", fib_memo(-1));
	feed((uint64_t)fib_memo(-1));
	printf("checksum: %016llx\n", (unsigned long long)checksum);
	return 0;
}
