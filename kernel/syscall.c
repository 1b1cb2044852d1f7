// SPDX-License-Identifier: MIT
/* System call entry: the number is the SVC immediate; arguments and results
 * are in the thread's saved registers. */
#include <arch/trap.h>
#include <l4/abi.h>
#include <tern/kconfig.h>
#include <tern/printf.h>
#include <tern/thread.h>

void kernel_syscall(unsigned number)
{
	struct tcb *t = boot_cpu.current;

	switch (number) {
	case L4_SYS_YIELD:
		sched_yield();
		break;
	case L4_SYS_DEBUG_PUTCHAR:
		if (IS_ENABLED(CONFIG_DEBUG_CONSOLE)) {
			kputc((char)t->ctx.r[0]);
			break;
		}
		/* fall through: compiled out of release configurations */
	default: {
		/* Not a system call: the thread's fault (no fault IPC yet). */
		struct arch_fault f = {.type = ARCH_FAULT_UNKNOWN, .pc = t->ctx.pc - 4,
				       .status = number};
		kprintf("tern: thread %s: unknown system call %u at pc %08x\n", t->name, number,
			f.pc);
		kernel_user_fault(&f);
	}
	}
	sched_run_next();
}
