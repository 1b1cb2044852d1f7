/* SPDX-License-Identifier: MIT */
/* Threads (TCBs) and the scheduler: fixed priorities 0-255, round robin
 * within a priority, one CPU (the per-CPU state is grouped in struct cpu). */
#ifndef TERN_THREAD_H
#define TERN_THREAD_H

#include <arch/thread.h>
#include <l4/abi.h>
#include <tern/cap.h>
#include <tern/ready_queue.h>

#define TIMESLICE_TICKS 5

enum thread_state {
	THREAD_INACTIVE = 0,          /* suspended or never started */
	THREAD_RUNNABLE,
	THREAD_BLOCKED_SEND,          /* queued on an endpoint to send */
	THREAD_BLOCKED_RECV,          /* queued on an endpoint to receive */
	THREAD_BLOCKED_REPLY,         /* sent a Call (or a fault), waits for the reply */
	THREAD_BLOCKED_NOTIFICATION,  /* waits on a notification */
	THREAD_BLOCKED_VCPU_WFI,      /* its guest waits for an interrupt */
};

struct endpoint;
struct notification;
struct vcpu;

struct tcb {
	struct arch_context ctx;
	struct sched_node sched;
	struct arch_vspace vspace;
	enum thread_state state;
	unsigned timeslice;
	uint8_t mcp;                  /* highest priority it may give */
	/* IPC */
	struct tcb *queue_next, *queue_prev;  /* on an endpoint or notification */
	void *blocked_on;             /* that endpoint or notification */
	uint32_t send_badge;          /* badge of the cap it is sending through */
	bool send_is_call;
	bool send_can_grant;
	struct tcb *reply_to;         /* the caller this thread owes a reply */
	struct tcb *caller_of;        /* the thread that owes this one a reply */
	struct notification *bound_notification;
	uint32_t fault_endpoint;      /* cptr in its own CSpace, 0: none */
	uint32_t ipc_buffer;
	bool fault_pending;           /* its message is a fault, not its registers */
	unsigned fault_label;
	unsigned fault_length;
	uint32_t fault_msg[L4_VM_EXIT_LENGTH];
	struct vcpu *vcpu;            /* the guest it runs, if any */
	/* caps the TCB holds (derived, so revoke reaches them) */
	struct cte cspace_root;
	struct cte vspace_root;
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
/* Stops a thread wherever it is blocked, leaving it inactive. */
void thread_suspend(struct tcb *t);
/* Makes an inactive thread runnable. */
void thread_resume(struct tcb *t);
void thread_set_priority(struct tcb *t, uint8_t priority);
void sched_make_runnable(struct tcb *t);
void sched_block(struct tcb *t, enum thread_state why);
/* Puts a runnable thread first in its priority's queue. */
void sched_run_first(struct tcb *t);
/* `blocked` (running) blocks and `next` becomes runnable and runs next:
 * a direct switch, in place in the ready queue when their priorities are
 * equal. */
static inline void sched_switch_direct(struct tcb *blocked, enum thread_state why, struct tcb *next)
{
	blocked->state = why;
	next->state = THREAD_RUNNABLE;
	if (blocked->sched.queued && !next->sched.queued &&
	    blocked->sched.priority == next->sched.priority) {
		rq_replace(&boot_cpu.ready, &blocked->sched, &next->sched);
		return;
	}
	if (blocked->sched.queued)
		rq_dequeue(&boot_cpu.ready, &blocked->sched);
	sched_run_first(next);
}

/* Called from the timer interrupt. */
void sched_tick(void);
/* The current thread gives up the rest of its timeslice. */
void sched_yield(void);
/* Runs the highest-priority runnable thread, or idles until there is one. */
__noreturn void sched_run_next(void);

#endif
