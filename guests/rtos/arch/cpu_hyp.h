/* SPDX-License-Identifier: MIT */
/* The Cortex-A15 guest's interrupt mask and idle wait (arch.h): the CPU's
 * own, since the guest runs in PL1. */
#ifndef RTOS_ARCH_CPU_HYP_H
#define RTOS_ARCH_CPU_HYP_H

#include <tern/types.h>

typedef uint32_t irq_flags_t;

static inline irq_flags_t arch_irq_save(void)
{
	irq_flags_t flags;
	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags)::"memory");
	return flags;
}

static inline void arch_irq_restore(irq_flags_t flags)
{
	__asm__ volatile("msr cpsr_c, %0" ::"r"(flags) : "memory");
}

/* Waits for an interrupt with interrupts enabled (the idle thread). */
static inline void arch_idle_wait(void)
{
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

#endif
