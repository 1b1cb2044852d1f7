// SPDX-License-Identifier: MIT
#include <arch/cpu.h>
#include <arch/trap.h>
#include <tern/cap.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/vcpu.h>

struct cpu boot_cpu;

void thread_init(struct tcb *t, const char *name, uint8_t priority)
{
	memset(t, 0, sizeof(*t));
	arch_context_init(&t->ctx, 0, 0, 0); /* user mode, registers zero */
	t->sched.priority = priority;
	t->timeslice = TIMESLICE_TICKS;
	size_t n = strnlen(name, sizeof(t->name) - 1);
	memcpy(t->name, name, n);
}

void sched_make_runnable(struct tcb *t)
{
	t->state = THREAD_RUNNABLE;
	if (!t->sched.queued)
		rq_enqueue(&boot_cpu.ready, &t->sched);
}

void sched_block(struct tcb *t, enum thread_state why)
{
	t->state = why;
	if (t->sched.queued)
		rq_dequeue(&boot_cpu.ready, &t->sched);
}

void sched_run_first(struct tcb *t)
{
	if (t->sched.queued)
		rq_dequeue(&boot_cpu.ready, &t->sched);
	rq_enqueue_front(&boot_cpu.ready, &t->sched);
}

void sched_tick(void)
{
	struct tcb *t = boot_cpu.current;
	if (t && t->timeslice && --t->timeslice == 0)
		boot_cpu.reschedule = true;
}

/* The current thread goes to the back of its priority's queue. */
static void rotate_current(void)
{
	struct tcb *t = boot_cpu.current;
	t->timeslice = TIMESLICE_TICKS;
	if (t->sched.queued) {
		rq_dequeue(&boot_cpu.ready, &t->sched);
		rq_enqueue(&boot_cpu.ready, &t->sched);
	}
}

void sched_yield(void)
{
	if (boot_cpu.current)
		rotate_current();
}

void sched_run_next(void)
{
	if (boot_cpu.reschedule && boot_cpu.current)
		rotate_current();
	boot_cpu.reschedule = false;
	for (;;) {
		struct sched_node *n = rq_highest(&boot_cpu.ready);
		if (n) {
			struct tcb *t = container_of(n, struct tcb, sched);
			if (cte_is_empty(&t->vspace_root)) {
				/* its VSpace was deleted under it: it has nowhere to run */
				thread_suspend(t);
				continue;
			}
			boot_cpu.current = t;
			arch_return_to_user(&t->ctx, &t->vspace, t->vcpu ? &t->vcpu->arch : NULL);
		}
		/* Idle: sleep until an interrupt is pending, then let it in. WFI
		 * wakes on a pending interrupt even while it is masked, so one
		 * that came on the way here is not slept through: unmasked before
		 * the WFI, it was taken at the unmask and the WFI then waited for
		 * the next interrupt (a paravirtual timer deadline of the A9
		 * waited for the 10 ms tick). */
		boot_cpu.current = NULL;
		arch_wait_for_interrupt();
		arch_irq_unmask();
		arch_irq_mask();
	}
}

void kernel_preempted(void)
{
	sched_run_next();
}
