// SPDX-License-Identifier: MIT
/* Threads and the scheduler: a static thread table, one FIFO ready list
 * per priority and a bitmap of the non-empty ones, so picking the most
 * urgent thread is one count-leading-zeros. The running thread stays at
 * the head of its ready list; blocking takes it out, waking puts a thread
 * at the tail. A switch happens in two places only: here, when a thread
 * blocks, yields or wakes a more urgent one, and at the end of an
 * interrupt (kernel_interrupt), which is how the timer preempts. */
#include <tern/string.h>
#include "kernel.h"

static struct thread threads[MAX_THREADS];
static struct list ready[RTOS_PRIORITIES];
static uint32_t ready_bitmap; /* bit p: ready[p] is not empty */
static bool in_interrupt, started;
struct thread *current_thread;
static struct thread *idle_thread;

static void ready_add(struct thread *t)
{
	list_add_tail(&ready[t->priority], &t->link);
	ready_bitmap |= 1u << t->priority;
}

static void ready_remove(struct thread *t)
{
	list_remove(&t->link);
	if (list_empty(&ready[t->priority]))
		ready_bitmap &= ~(1u << t->priority);
}

static struct thread *most_urgent(void)
{
	unsigned p = 31u - (unsigned)__builtin_clz(ready_bitmap); /* idle is always ready */
	return container_of(ready[p].next, struct thread, link);
}

static void check_stack(const struct thread *t)
{
	if (*(const uint32_t *)t->stack != STACK_CANARY)
		kernel_panic("stack overflow", t->sp, 0, (uint32_t)t->stack);
}

void kernel_reschedule(void)
{
	if (in_interrupt || !started)
		return;
	struct thread *next = most_urgent();
	time_program();
	if (next == current_thread)
		return;
	struct thread *prev = current_thread;
	current_thread = next;
	arch_context_switch(&prev->sp, next->sp);
	check_stack(prev); /* prev is running again here */
}

uint32_t kernel_interrupt(uint32_t frame_sp)
{
	current_thread->sp = frame_sp;
	in_interrupt = true;
	arch_irq_dispatch();
	in_interrupt = false;
	check_stack(current_thread);
	current_thread = most_urgent();
	time_program();
	return current_thread->sp;
}

enum wake_reason kernel_block(struct list *wait_list, uint64_t deadline)
{
	struct thread *t = current_thread;
	if (in_interrupt || t == idle_thread)
		kernel_panic("blocking call from an interrupt or the idle thread", 0, 0, 0);
	ready_remove(t);
	t->state = THREAD_BLOCKED;
	t->wake_reason = WAKE_SIGNALLED;
	t->wait_list = wait_list;
	if (wait_list) {
		/* most urgent first, arrival order within a priority */
		struct list *pos = wait_list->next;
		while (pos != wait_list && container_of(pos, struct thread, link)->priority >= t->priority)
			pos = pos->next;
		list_insert_before(pos, &t->link);
	}
	if (deadline != RTOS_FOREVER)
		time_arm(t, deadline);
	kernel_reschedule();
	return t->wake_reason;
}

void kernel_wake(struct thread *t, enum wake_reason why)
{
	if (t->state != THREAD_BLOCKED)
		return;
	if (t->wait_list) {
		list_remove(&t->link);
		t->wait_list = NULL;
	}
	time_disarm(t);
	t->wake_reason = why;
	t->state = THREAD_READY;
	ready_add(t);
	kernel_reschedule();
}

bool kernel_wake_first(struct list *wait_list, enum wake_reason why)
{
	if (list_empty(wait_list))
		return false;
	kernel_wake(container_of(wait_list->next, struct thread, link), why);
	return true;
}

bool sched_round_robin_due(void)
{
	if (!ready_bitmap)
		return false;
	unsigned p = 31u - (unsigned)__builtin_clz(ready_bitmap);
	const struct list *head = &ready[p];
	return p > 0 && head->next->next != head;
}

void sched_rotate(void)
{
	unsigned p = 31u - (unsigned)__builtin_clz(ready_bitmap);
	struct list *head = &ready[p];
	if (head->next->next == head)
		return;
	struct list *first = head->next;
	list_remove(first);
	list_add_tail(head, first);
}

struct thread *thread_create(const char *name, unsigned priority, void (*entry)(void *), void *arg)
{
	if (priority >= RTOS_PRIORITIES)
		return NULL;
	irq_flags_t flags = arch_irq_save();
	struct thread *t = NULL;
	for (unsigned i = 0; i < MAX_THREADS && !t; i++)
		if (threads[i].state == THREAD_FREE || threads[i].state == THREAD_FINISHED)
			t = &threads[i];
	if (!t) {
		arch_irq_restore(flags);
		return NULL;
	}
	t->state = THREAD_READY; /* taken, before interrupts can come back */
	arch_irq_restore(flags);

	/* a fill pattern to measure how deep the stack went, a canary at its end */
	memset(t->stack, 0xa5, sizeof(t->stack));
	*(uint32_t *)t->stack = STACK_CANARY;
	t->name = name;
	t->priority = priority;
	t->wait_list = NULL;
	t->timed = false;
	list_init(&t->timeout_link);
	t->sp = arch_context_init(t->stack + sizeof(t->stack), entry, arg, thread_exit);

	flags = arch_irq_save();
	ready_add(t);
	kernel_reschedule();
	arch_irq_restore(flags);
	return t;
}

__noreturn void thread_exit(void)
{
	arch_irq_save();
	struct thread *t = current_thread;
	ready_remove(t);
	t->state = THREAD_FINISHED;
	kernel_reschedule();
	kernel_panic("a finished thread ran again", 0, 0, 0);
}

void thread_yield(void)
{
	irq_flags_t flags = arch_irq_save();
	struct thread *t = current_thread;
	ready_remove(t);
	ready_add(t);
	kernel_reschedule();
	arch_irq_restore(flags);
}

struct thread *thread_self(void)
{
	return current_thread;
}

const char *thread_name(const struct thread *t)
{
	return t->name;
}

size_t thread_stack_unused(const struct thread *t)
{
	size_t n = sizeof(uint32_t); /* the canary */
	while (n < sizeof(t->stack) && t->stack[n] == 0xa5)
		n++;
	return n;
}

static void idle(void *arg)
{
	/* tickless: the timer is programmed for the next deadline only, and
	 * nothing runs until an interrupt makes a thread ready */
	for (;;)
		arch_idle_wait();
}

bool kernel_started(void)
{
	return started;
}

void sched_init(void)
{
	for (unsigned p = 0; p < RTOS_PRIORITIES; p++)
		list_init(&ready[p]);
}

__noreturn void kernel_start(void)
{
	arch_irq_save();
	idle_thread = thread_create("idle", 0, idle, NULL);
	if (!idle_thread)
		kernel_panic("no room for the idle thread", 0, 0, 0);
	started = true;
	current_thread = most_urgent();
	time_program();
	arch_context_start(current_thread->sp);
}
