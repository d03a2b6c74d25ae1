/* A program that uses SIGUSR1 for itself, as programs may: migration requests
 * must neither reach its handler nor depend on the signal being deliverable.
 *
 *   own_signals handler   its handler counts the SIGUSR1s it raises
 *   own_signals blocked   it blocks SIGUSR1 and takes each one it raises
 *                         with sigtimedwait
 *
 * Each round sleeps 10 ms and computes a little, so that a run lasts about
 * the same on either ISA; the output depends on neither. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ROUNDS 400

static volatile sig_atomic_t delivered;

static void count_delivery(int signal_number)
{
	(void)signal_number;
	delivered++;
}

static double series(int round)
{
	double sum = 0;
	for (int term = 1; term <= 2000; term++)
		sum += 1.0 / ((double)term * (term + round));
	return sum;
}

static int still_blocked(void)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	return sigismember(&mask, SIGUSR1) == 1;
}

int main(int argc, char **argv)
{
	int blocked = argc > 1 && strcmp(argv[1], "blocked") == 0;
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = count_delivery;
	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR1, &action, NULL);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (blocked)
		sigprocmask(SIG_BLOCK, &usr1, NULL);

	double total = 0;
	int raised = 0, taken = 0;
	for (int round = 0; round < ROUNDS; round++) {
		struct timespec pause = {0, 10 * 1000 * 1000};
		while (nanosleep(&pause, &pause) != 0)
			;
		total += series(round);
		if (round % 8 != 0)
			continue;
		raise(SIGUSR1);
		raised++;
		if (!blocked)
			continue;
		if (!still_blocked()) {
			printf("round %d: SIGUSR1 is no longer blocked\n", round);
			return 1;
		}
		struct timespec now = {0, 0};
		if (sigtimedwait(&usr1, NULL, &now) == SIGUSR1)
			taken++;
	}
	printf("%s: %d rounds, sum %.12f\n", blocked ? "blocked" : "handler", ROUNDS, total);
	printf("raised %d, delivered to the handler %d, taken while blocked %d\n", raised,
	       (int)delivered, taken);
	return 0;
}
