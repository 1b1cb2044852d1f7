/* SPDX-License-Identifier: MIT */
/* CPU identification and control. Callable from any context in the kernel. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <tern/types.h>

struct arch_cpu_info {
	uint32_t midr;
	const char *name;    /* "Cortex-A15", or "unknown" */
	unsigned variant;    /* the rN of rNpM */
	unsigned revision;   /* the pM of rNpM */
};

void arch_cpu_identify(struct arch_cpu_info *info);
/* Masks interrupts and stops this CPU for good. */
__noreturn void arch_halt(void);
/* Lets interrupts reach the kernel on this CPU. */
void arch_irq_unmask(void);
/* Keeps interrupts from reaching the kernel on this CPU. */
void arch_irq_mask(void);
/* Sleeps until an interrupt is pending, masked or not (WFI). */
void arch_wait_for_interrupt(void);
/* Starts the cycle counter, counting in the kernel's mode too (so that a
 * user-level measurement includes the kernel's work; on HYP through
 * PMCCFILTR.NSH), readable from user mode with CONFIG_USER_CYCLE_COUNTER.
 * Under QEMU -icount shift=0 it counts executed instructions (not on
 * QEMU's Cortex-A9, whose counter stays at 0). */
void arch_cycle_counter_init(void);
/* Executes a permanently undefined instruction at symbol
 * arch_selftest_undef_insn (boot test of the exception report). */
void arch_selftest_undefined_instruction(void);

#endif
