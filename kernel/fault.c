// SPDX-License-Identifier: MIT
/* User thread faults. Until fault endpoints exist every fault is reported
 * on the console and the thread is suspended; the system keeps running. */
#include <arch/trap.h>
#include <tern/printf.h>
#include <tern/thread.h>

void kernel_user_fault(const struct arch_fault *f)
{
	struct tcb *t = boot_cpu.current;

	kprintf("tern: thread %s: %s at pc %08x", t->name, arch_fault_name(f), f->pc);
	if (f->type == ARCH_FAULT_PAGE)
		kprintf(", address %08x", f->address);
	kprintf(" (status %08x); no fault handler: thread suspended\n", f->status);
	sched_block(t, THREAD_INACTIVE);
	sched_run_next();
}
