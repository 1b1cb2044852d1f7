/* SPDX-License-Identifier: MIT */
/* Threads (TCBs) and the scheduler: fixed priorities 0-255, round robin
 * within a priority, one CPU (the per-CPU state is grouped in struct cpu). */
#ifndef TERN_THREAD_H
#define TERN_THREAD_H

#include <arch/thread.h>
#include <tern/ready_queue.h>

#define TIMESLICE_TICKS 5

enum thread_state {
	THREAD_INACTIVE = 0, /* suspended or never started */
	THREAD_RUNNABLE,
	THREAD_BLOCKED,
};

struct tcb {
	struct arch_context ctx;
	struct sched_node sched;
	struct arch_vspace vspace;
	enum thread_state state;
	unsigned timeslice;
	char name[16];
};

/* Per-CPU scheduling state. */
struct cpu {
	struct ready_queues ready;
	struct tcb *current;   /* NULL while idle */
	bool reschedule;       /* the current thread's timeslice ran out */
};

extern struct cpu boot_cpu;

void thread_init(struct tcb *t, const char *name, uint8_t priority);
void sched_make_runnable(struct tcb *t);
void sched_block(struct tcb *t, enum thread_state why);
/* Called from the timer interrupt. */
void sched_tick(void);
/* The current thread gives up the rest of its timeslice. */
void sched_yield(void);
/* Runs the highest-priority runnable thread, or idles until there is one. */
__noreturn void sched_run_next(void);

#endif
