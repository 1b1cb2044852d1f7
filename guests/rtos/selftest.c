// SPDX-License-Identifier: MIT
/* Self-tests of the kernel's promises, run by the init thread (priority
 * INIT_PRIORITY, 20) before the applications start. Helper threads are
 * made more or less urgent than the tester to make each promise visible:
 * who runs first, in what order waiters wake, when a wait times out. */
#include <tern/printf.h>
#include <tern/string.h>
#include "include/rtos.h"
#include "selftest.h"

#define TESTER_PRIORITY 20
#define DETAIL_MAX 120
#define SLEEP_ROUNDS 10
#define SLEEP_PERIOD_US 2000
/* A sleeper must wake after its deadline, and not much later: a bound far
 * above the interrupt path's cost but below a coarse tick's (1 ms). */
#define SLEEP_MAX_LATE_US 500

static char detail[DETAIL_MAX];
static unsigned failures;

static void report(const char *name, bool ok)
{
	if (ok) {
		say("ok %s%s%s%s", name, detail[0] ? " (" : "", detail, detail[0] ? ")" : "");
	} else {
		say("FAIL %s: %s", name, detail);
		failures++;
	}
	detail[0] = 0;
}

#define explain(...) ksnprintf(detail, sizeof(detail), __VA_ARGS__)

/* ---- the timer interrupt reaches the RTOS and wakes sleepers */
static bool timer_interrupts(void)
{
	uint32_t before = time_interrupts();
	uint64_t start = time_now();
	for (unsigned i = 0; i < 5; i++)
		sleep_for(time_from_ms(1));
	uint32_t taken = time_interrupts() - before;
	uint64_t elapsed = time_now() - start;
	explain("%u interrupts in %llu us", taken, time_to_us(elapsed));
	return taken >= 5 && elapsed >= time_from_ms(5);
}

/* ---- priority preemption: by a thread made ready, by the timer */
static volatile bool flag_high, flag_low;
static volatile uint64_t high_ran_at;
static struct sem preempt_sem;

static void high_runs(void *arg)
{
	flag_high = true;
	sem_take(&preempt_sem, RTOS_FOREVER);
	flag_high = false; /* back after the give, before the giver goes on */
}

static void low_runs(void *arg)
{
	flag_low = true;
}

static void high_sleeper(void *arg)
{
	sleep_for(time_from_ms(2));
	high_ran_at = time_now();
}

static bool priority_preemption(void)
{
	sem_init(&preempt_sem, 0);
	flag_high = flag_low = false;
	if (!thread_create("t-high", TESTER_PRIORITY + 5, high_runs, NULL) ||
	    !thread_create("t-low", TESTER_PRIORITY - 10, low_runs, NULL)) {
		explain("no room for the helper threads");
		return false;
	}
	if (!flag_high) {
		explain("a more urgent new thread did not run at once");
		return false;
	}
	if (flag_low) {
		explain("a less urgent new thread ran before the creator blocked");
		return false;
	}
	sem_give(&preempt_sem);
	if (flag_high) {
		explain("the more urgent waiter did not run at once when given the semaphore");
		return false;
	}
	sleep_for(time_from_ms(1));
	if (!flag_low) {
		explain("the less urgent thread did not run while the creator slept");
		return false;
	}

	/* the timer's interrupt preempts a thread that never blocks */
	high_ran_at = 0;
	if (!thread_create("t-sleeper", TESTER_PRIORITY + 5, high_sleeper, NULL)) {
		explain("no room for the helper thread");
		return false;
	}
	uint64_t start = time_now(), end = start + time_from_ms(6);
	while (time_now() < end)
		;
	if (!high_ran_at || high_ran_at >= end) {
		explain("a sleeper more urgent than a busy thread did not run when its time came");
		return false;
	}
	explain("the sleeper ran %llu us into the busy loop", time_to_us(high_ran_at - start));
	return true;
}

/* ---- round robin: threads of one priority that never block share the
 * CPU in time slices (the only periodic tick there is) */
static volatile uint64_t spinner_first_run[2], spinner_end;

static void spinner(void *arg)
{
	unsigned index = (unsigned)(uintptr_t)arg;
	spinner_first_run[index] = time_now();
	while (time_now() < spinner_end)
		;
}

static volatile bool spinners_created;

/* More urgent than the spinners: both are ready before either runs. */
static void spinner_starter(void *arg)
{
	spinners_created = thread_create("t-spin0", TESTER_PRIORITY + 1, spinner, (void *)0) &&
			   thread_create("t-spin1", TESTER_PRIORITY + 1, spinner, (void *)1);
}

static bool round_robin(void)
{
	spinner_first_run[0] = spinner_first_run[1] = 0;
	spinners_created = false;
	spinner_end = time_now() + 3 * time_from_us(RTOS_TIME_SLICE_US);
	if (!thread_create("t-starter", TESTER_PRIORITY + 2, spinner_starter, NULL) ||
	    !spinners_created) {
		explain("no room for the helper threads");
		return false;
	}
	/* both spin until spinner_end; the tester runs again after both ended */
	uint64_t first = spinner_first_run[0], second = spinner_first_run[1];
	if (!first || !second || second >= spinner_end) {
		explain("the second of two busy threads of one priority did not run before the "
			"first ended");
		return false;
	}
	explain("the second started %llu us after the first", time_to_us(second - first));
	return true;
}

/* ---- semaphore wake order: most urgent first, arrival order within a
 * priority */
static struct sem order_sem;
static char order[8];
static unsigned order_length;

static void order_waiter(void *arg)
{
	sem_take(&order_sem, RTOS_FOREVER);
	order[order_length++] = (char)(uintptr_t)arg;
}

static bool semaphore_wake_order(void)
{
	static const struct {
		char name;
		unsigned priority;
	} waiters[] = {{'A', 21}, {'B', 23}, {'C', 22}, {'D', 23}, {'E', 21}};
	sem_init(&order_sem, 0);
	order_length = 0;
	/* each is more urgent than the tester: it runs and waits at once, so
	 * the waiters arrive in table order */
	for (unsigned i = 0; i < ARRAY_SIZE(waiters); i++)
		if (!thread_create("t-waiter", waiters[i].priority, order_waiter,
				   (void *)(uintptr_t)waiters[i].name)) {
			explain("no room for the waiters");
			return false;
		}
	for (unsigned i = 0; i < ARRAY_SIZE(waiters); i++)
		sem_give(&order_sem); /* the woken waiter runs at once and ends */
	order[order_length] = 0;
	explain("woken %s", order);
	if (strcmp(order, "BDCAE") != 0)
		return false;

	/* a unit given with nobody waiting is kept */
	sem_give(&order_sem);
	if (sem_take(&order_sem, RTOS_NO_WAIT) != RTOS_OK ||
	    sem_take(&order_sem, RTOS_NO_WAIT) != RTOS_TIMEOUT) {
		explain("the count is wrong after a give without waiters");
		return false;
	}
	uint64_t start = time_now();
	int result = sem_take(&order_sem, time_from_ms(3));
	uint64_t waited = time_now() - start;
	if (result != RTOS_TIMEOUT || waited < time_from_ms(3)) {
		explain("a take with a 3 ms timeout returned %d after %llu us", result,
			time_to_us(waited));
		return false;
	}
	explain("woken %s; a 3 ms timeout after %llu us", order, time_to_us(waited));
	return true;
}

/* ---- queues: a full queue blocks senders, an empty one receivers, each
 * until a timeout or the other side */
#define QUEUE_ITEMS 2
static struct queue test_queue;
static uint32_t queue_buffer[QUEUE_ITEMS];
static volatile bool helper_done;
static volatile uint32_t helper_got;

static void blocked_sender(void *arg)
{
	uint32_t value = 12;
	helper_done = queue_send(&test_queue, &value, RTOS_FOREVER) == RTOS_OK;
}

static void blocked_receiver(void *arg)
{
	uint32_t value = 0;
	if (queue_recv(&test_queue, &value, RTOS_FOREVER) == RTOS_OK)
		helper_got = value;
}

static bool queue_blocking(void)
{
	queue_init(&test_queue, queue_buffer, sizeof(uint32_t), QUEUE_ITEMS);
	uint32_t value = 10, got;
	if (queue_send(&test_queue, &value, RTOS_NO_WAIT) != RTOS_OK ||
	    (value = 11, queue_send(&test_queue, &value, RTOS_NO_WAIT)) != RTOS_OK) {
		explain("sends to a queue with room failed");
		return false;
	}
	uint64_t start = time_now();
	value = 99;
	int result = queue_send(&test_queue, &value, time_from_ms(3));
	uint64_t send_waited = time_now() - start;
	if (result != RTOS_TIMEOUT || send_waited < time_from_ms(3)) {
		explain("a send to a full queue with a 3 ms timeout returned %d after %llu us", result,
			time_to_us(send_waited));
		return false;
	}

	/* a more urgent sender blocks on the full queue; a receive wakes it */
	helper_done = false;
	if (!thread_create("t-sender", TESTER_PRIORITY + 2, blocked_sender, NULL)) {
		explain("no room for the helper thread");
		return false;
	}
	if (helper_done) {
		explain("a send to a full queue did not block");
		return false;
	}
	if (queue_recv(&test_queue, &got, RTOS_NO_WAIT) != RTOS_OK || got != 10 || !helper_done) {
		explain("a receive did not wake the blocked sender (got %u, sender done %d)", got,
			helper_done);
		return false;
	}
	uint32_t second = 0, third = 0;
	if (queue_recv(&test_queue, &second, RTOS_NO_WAIT) != RTOS_OK ||
	    queue_recv(&test_queue, &third, RTOS_NO_WAIT) != RTOS_OK || second != 11 || third != 12) {
		explain("items out of order: %u %u, wanted 11 12", second, third);
		return false;
	}

	start = time_now();
	result = queue_recv(&test_queue, &got, time_from_ms(3));
	uint64_t recv_waited = time_now() - start;
	if (result != RTOS_TIMEOUT || recv_waited < time_from_ms(3)) {
		explain("a receive from an empty queue with a 3 ms timeout returned %d after %llu us",
			result, time_to_us(recv_waited));
		return false;
	}

	/* a more urgent receiver blocks on the empty queue; a send wakes it */
	helper_got = 0;
	if (!thread_create("t-receiver", TESTER_PRIORITY + 2, blocked_receiver, NULL)) {
		explain("no room for the helper thread");
		return false;
	}
	value = 42;
	if (queue_send(&test_queue, &value, RTOS_NO_WAIT) != RTOS_OK || helper_got != 42) {
		explain("a send did not wake the blocked receiver (it got %u)", helper_got);
		return false;
	}
	explain("full: timeout after %llu us, empty: after %llu us", time_to_us(send_waited),
		time_to_us(recv_waited));
	return true;
}

/* ---- sleep accuracy: never early, late by little */
static bool sleep_accuracy(void)
{
	uint64_t worst = 0, period = time_from_us(SLEEP_PERIOD_US);
	uint64_t deadline = time_now();
	for (unsigned i = 0; i < SLEEP_ROUNDS; i++) {
		deadline += period;
		sleep_until(deadline);
		uint64_t now = time_now();
		if (now < deadline) {
			explain("woke %llu ticks early", deadline - now);
			return false;
		}
		if (now - deadline > worst)
			worst = now - deadline;
	}
	explain("worst %llu ticks late (%llu ns) over %u sleeps of %u us", worst, time_to_ns(worst),
		SLEEP_ROUNDS, SLEEP_PERIOD_US);
	return time_to_us(worst) < SLEEP_MAX_LATE_US;
}

unsigned selftest_run(void)
{
	static const struct {
		const char *name;
		bool (*run)(void);
	} tests[] = {
		{"timer-interrupts", timer_interrupts},
		{"priority-preemption", priority_preemption},
		{"round-robin", round_robin},
		{"semaphore-wake-order", semaphore_wake_order},
		{"queue-blocking", queue_blocking},
		{"sleep-accuracy", sleep_accuracy},
	};
	failures = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(tests); i++) {
		detail[0] = 0;
		report(tests[i].name, tests[i].run());
	}
	return failures;
}
