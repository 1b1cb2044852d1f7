/* SPDX-License-Identifier: MIT */
/* What the generic kernel provides for arch's trap entry. Each is called on
 * the kernel stack with the trapping thread's registers already saved in
 * its struct arch_context, interrupts masked, and must not return: it ends
 * by returning to some thread (arch_return_to_user) or idling. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <arch/thread.h>

__noreturn void kernel_syscall(unsigned number);
__noreturn void kernel_user_fault(const struct arch_fault *fault);
/* An interrupt arrived while a user thread ran and has been handled. */
__noreturn void kernel_preempted(void);

#endif
