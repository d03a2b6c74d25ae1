/* Stresses: error recovery with setjmp/longjmp kept live for the whole run,
 * as interpreters and parsers do it: a chain of handlers, each a struct
 * holding a jmp_buf in the frame that armed it (Lua's struct lua_longjmp),
 * protected calls nested inside protected calls, longjmp out of deep
 * recursion, a global jmp_buf armed again on every turn of a loop, volatile
 * locals changed between setjmp and longjmp, and sigsetjmp restoring the
 * signal mask. Every frame between main and the innermost point sits below
 * at least one armed buffer. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct handler {
	struct handler *previous;
	jmp_buf buffer;
	volatile int status;
};

static struct handler *current_handler;
static uint64_t checksum;
static jmp_buf turn_buffer;
static int raised, caught;

static void feed(uint64_t value)
{
	checksum = (checksum ^ value) * 0x100000001b3ULL;
}

static void raise_error(int code)
{
	raised++;
	current_handler->status = code;
	longjmp(current_handler->buffer, code);
}

/* Deep enough that a longjmp leaves many frames behind. */
static long work(int depth, long seed)
{
	if (depth == 0) {
		if (seed % 13 == 5)
			raise_error((int)(seed % 4) + 1);
		return seed * 31 + 7;
	}
	long left = work(depth - 1, seed * 3 + 1);
	long right = work(depth - 1, seed + left % 11);
	feed((uint64_t)(left ^ right));
	return (left ^ right) % 100003 + depth;
}

typedef long (*protected_function)(int depth, long seed);

static int protected_call(protected_function function, int depth, long seed, long *result)
{
	struct handler handler;
	handler.previous = current_handler;
	handler.status = 0;
	current_handler = &handler;
	volatile int attempts = 0;
	if (setjmp(handler.buffer) == 0) {
		attempts++;
		*result = function(depth, seed);
	} else {
		attempts += 10;
		caught++;
	}
	current_handler = handler.previous;
	feed((uint64_t)attempts);
	return handler.status;
}

/* A protected function that makes protected calls of its own. */
static long nested(int depth, long seed)
{
	long total = 0;
	for (int i = 0; i < 4; i++) {
		long result = 0;
		int status = protected_call(work, depth, seed + i * 17, &result);
		total += status ? -status : result % 1000;
	}
	if (total % 9 == 4)
		raise_error(9);
	if (seed % 29 == 7)
		longjmp(turn_buffer, 1);
	return total;
}

/* sigsetjmp(…, 1) saves the mask, siglongjmp restores it: SIGUSR2 is
 * blocked when the buffer is armed and unblocked when the jump is taken. */
static int mask_after_jump(long seed)
{
	sigjmp_buf buffer;
	sigset_t blocked;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR2);
	sigprocmask(SIG_BLOCK, &blocked, NULL);
	volatile long value = seed;
	if (sigsetjmp(buffer, 1) == 0) {
		sigprocmask(SIG_UNBLOCK, &blocked, NULL);
		long result = 0;
		protected_call(work, 5, seed, &result);
		value += result;
		siglongjmp(buffer, 1);
	}
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	int is_blocked = sigismember(&now, SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &blocked, NULL);
	feed((uint64_t)value);
	return is_blocked;
}

int main(void)
{
	struct handler outermost;
	outermost.previous = NULL;
	outermost.status = 0;
	current_handler = &outermost;
	if (setjmp(outermost.buffer) != 0) {
		printf("uncaught error %d\n", outermost.status);
		return 1;
	}

	/* A loop that arms one global buffer again on every turn; a jump to
	 * it from deep inside a turn abandons the rest of that turn. */
	volatile int turn = 0, recovered = 0;
	while (turn < 12) {
		if (setjmp(turn_buffer) != 0) {
			current_handler = &outermost;
			recovered++;
			printf("turn %2d abandoned\n", turn - 1);
			continue;
		}
		int this_turn = turn++;
		long result = 0;
		int status = protected_call(nested, 5, this_turn * 101 + 3, &result);
		printf("turn %2d: status %d result %ld checksum %016llx\n", this_turn, status,
		       result, (unsigned long long)checksum);
		if (this_turn % 5 == 2)
			longjmp(turn_buffer, this_turn + 1);
	}

	int masked = 0;
	for (long seed = 1; seed <= 6; seed++)
		masked += mask_after_jump(seed * 7);
	printf("recovered %d times, raised %d, caught %d, mask restored %d of 6\n", recovered,
	       raised, caught, masked);
	printf("checksum %016llx\n", (unsigned long long)checksum);
	return 0;
}
