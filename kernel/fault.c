// SPDX-License-Identifier: MIT
/* User thread faults become a message to the thread's fault endpoint (see
 * the fault layout in libl4/include/l4/abi.h). A thread without a usable
 * fault endpoint is reported on the console and suspended; the system keeps
 * running. */
#include <arch/trap.h>
#include <tern/ipc.h>
#include <tern/kconfig.h>
#include <tern/printf.h>
#include <tern/thread.h>
#include <tern/vcpu.h>

void kernel_thread_fault(struct tcb *t, unsigned label, const struct arch_fault *f)
{
	uint32_t msg[L4_FAULT_MESSAGE_LENGTH] = {
		f->pc, f->type == ARCH_FAULT_PAGE ? f->address : 0, f->status,
		(f->write ? L4_FAULT_WRITE : 0) | (f->instruction ? L4_FAULT_FETCH : 0),
	};
	if (ipc_send_fault(t, label, msg, L4_FAULT_MESSAGE_LENGTH))
		return;
	if (label == L4_FAULT_UNKNOWN_SYSCALL)
		kprintf("tern: thread %s: unknown system call %u at pc %08x", t->name, f->status, f->pc);
	else
		kprintf("tern: thread %s: %s at pc %08x", t->name, arch_fault_name(f), f->pc);
	if (f->type == ARCH_FAULT_PAGE)
		kprintf(", address %08x", f->address);
	kprintf(" (status %08x); no fault handler: thread suspended\n", f->status);
	thread_suspend(t);
}

void kernel_user_fault(const struct arch_fault *f)
{
	static const unsigned labels[] = {
		[ARCH_FAULT_PAGE] = L4_FAULT_PAGE,
		[ARCH_FAULT_UNDEFINED] = L4_FAULT_UNDEFINED_INSTRUCTION,
		[ARCH_FAULT_UNKNOWN] = L4_FAULT_OTHER,
	};
	kernel_thread_fault(boot_cpu.current, labels[f->type], f);
	sched_run_next();
}

void kernel_vm_exit(const uint32_t *msg)
{
	struct tcb *t = boot_cpu.current;
	if (IS_ENABLED(CONFIG_IPC_FASTPATH))
		fastpath_vm_exit(t, msg);
	if (!ipc_send_fault(t, L4_FAULT_VM_EXIT, msg, L4_VM_EXIT_LENGTH)) {
		kprintf("tern: guest %s: exit (HSR %08x) at pc %08x and no VMM to take it: "
			"guest stopped\n", t->name, msg[1], msg[0]);
		thread_suspend(t);
	}
	sched_run_next();
}

void kernel_vcpu_wait(void)
{
	sched_block(boot_cpu.current, THREAD_BLOCKED_VCPU_WFI);
	sched_run_next();
}

void kernel_vcpu_interrupt(struct arch_vcpu *v)
{
	struct tcb *t = container_of(v, struct vcpu, arch)->tcb;
	if (t && t->state == THREAD_BLOCKED_VCPU_WFI)
		sched_make_runnable(t);
}
