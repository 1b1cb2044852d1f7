// SPDX-License-Identifier: MIT
/* The generic timer's virtual timer: CNTVCT is the clock, CNTV_CVAL the one
 * deadline. Under Tern the kernel takes the timer's interrupt, sets IMASK
 * and injects the virtual timer interrupt (PPI 27) into the guest; arming
 * clears IMASK again. */
#include "arch.h"
#include "cp15.h"

#define CNT_CTL_ENABLE (1u << 0)
#define CNT_CTL_IMASK (1u << 1)
#define CNT_CTL_ISTATUS (1u << 2)
/* QEMU's frequency when nobody set CNTFRQ (firmware normally does). */
#define FALLBACK_FREQUENCY 62500000u

uint32_t arch_timer_frequency(void)
{
	uint32_t hz = cp15_read(CP15_CNTFRQ);
	return hz ? hz : FALLBACK_FREQUENCY;
}

uint64_t arch_counter(void)
{
	/* the isb keeps the read from being taken early, before what precedes it */
	__asm__ volatile("isb" ::: "memory");
	return cp15_read64(CP15_CNTVCT);
}

void arch_timer_arm(uint64_t deadline)
{
	cp15_write64(CP15_CNTV_CVAL, deadline);
	cp15_write(CP15_CNTV_CTL, CNT_CTL_ENABLE);
}

void arch_timer_disarm(void)
{
	cp15_write(CP15_CNTV_CTL, 0);
}

bool arch_timer_expired(void)
{
	uint32_t ctl = cp15_read(CP15_CNTV_CTL);
	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS)) == (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}
