/* SPDX-License-Identifier: MIT */
/* The contract between the RTOS and its CPU layer (guests/rtos/arch/).
 * Two ports, chosen at build time (rtos.mk): the Cortex-A15 guest of Tern
 * in PL1 (SVC) with the MMU off, the GICv2 CPU interface (the hardware's
 * virtual one) and the generic timer's virtual timer (the files of arch/ itself); and
 * the paravirtualized Cortex-A9 guest (arch/pv/, RTOS_ARCH_PV), deprivileged
 * in USR mode, whose CPU interface, interrupt mask and timer are the SVC
 * kernel's state page and hypercalls (docs/pv-vcpu.md). Both provide the
 * same functions and nothing else changes. Every thread runs in (virtual)
 * SVC mode on its own stack; the kernel (kernel/) never touches a CPU register itself. */
#ifndef RTOS_ARCH_H
#define RTOS_ARCH_H

#include <tern/types.h>

/* ---- interrupt masking (a critical section is irq_save .. irq_restore,
 * typedef irq_flags_t) and the idle wait (arch_idle_wait: waits for an
 * interrupt with interrupts enabled), inline: the CPU's own header */
#ifdef RTOS_ARCH_PV
#include "pv/cpu.h"
#else
#include "cpu_hyp.h"
#endif

/* ---- device registers */
static inline uint32_t mmio_read32(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uint32_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

static inline void mmio_write8(uint32_t addr, uint8_t value)
{
	*(volatile uint8_t *)addr = value;
}

/* ---- memory shared with another guest (the inter-VM channel): the MMU
 * is off, so the accesses are Strongly-ordered, but the other guest's are
 * not; a full barrier orders ours against its view. */
static inline void arch_shared_memory_barrier(void)
{
	__asm__ volatile("dmb" ::: "memory");
}

/* ---- the hypervisor (hypercall.c): an SMCCC call with one argument,
 * returning r0 */
uint32_t arch_hypercall(uint32_t function, uint32_t arg);

/* ---- thread contexts (context.c, switch.S)
 * A thread's saved context is a frame on its own stack; the thread keeps
 * only the stack pointer to it. */

/* Builds the first frame of a thread on the stack ending at stack_top:
 * it starts in entry(arg) with interrupts enabled, and returns to
 * on_return. Returns the saved stack pointer. */
uint32_t arch_context_init(uint8_t *stack_top, void (*entry)(void *), void *arg,
			   void (*on_return)(void));
/* Saves the caller's context (resumed by returning from this call) with
 * *save_sp its frame, and resumes the frame at next_sp. Interrupts masked. */
void arch_context_switch(uint32_t *save_sp, uint32_t next_sp);
/* Resumes the frame at sp, abandoning the boot stack. */
__noreturn void arch_context_start(uint32_t sp);

/* The kernel's interrupt entry (kernel/irq.c), called by the vector with
 * interrupts masked and the interrupted thread's frame at frame_sp; returns
 * the frame to resume (another thread's if the interrupt woke a more
 * urgent one). */
uint32_t kernel_interrupt(uint32_t frame_sp);

/* ---- the interrupt controller (gic.c) */
const char *arch_gic_init(uint32_t distributor, uint32_t cpu_interface);
/* Enables interrupt id (an SGI, PPI or SPI number as the GIC numbers it). */
void arch_irq_enable(unsigned id);
/* Acknowledges and dispatches every pending interrupt to kernel_irq(). */
void arch_irq_dispatch(void);
void kernel_irq(unsigned id);

/* ---- the timer (timer.c): one monotonic 64-bit counter and one compare
 * interrupt, in counter ticks */
uint32_t arch_timer_frequency(void);
uint64_t arch_counter(void);
/* The timer fires at deadline (at once if it has passed). */
void arch_timer_arm(uint64_t deadline);
void arch_timer_disarm(void);
/* Whether the timer's condition is met (its interrupt is for us). */
bool arch_timer_expired(void);

/* ---- the machine */
/* Stops the CPU for good: interrupts masked, WFI. */
__noreturn void arch_halt(void);
/* The kernel's report of a fatal error (console.c), which the CPU layer
 * calls for an exception the RTOS never expects. */
__noreturn void kernel_panic(const char *what, uint32_t pc, uint32_t status, uint32_t address);

#endif
