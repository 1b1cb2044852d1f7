/* SPDX-License-Identifier: MIT */
/* What the generic kernel provides for arch's trap entry. Each is called on
 * the kernel stack with the trapping thread's registers already saved in
 * its struct arch_context, interrupts masked, and must not return: it ends
 * by returning to some thread (arch_return_to_user) or idling. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <arch/thread.h>

__noreturn void kernel_syscall(unsigned number);
/* The same for the two IPC system calls the fastpath serves (Call and
 * ReplyRecv), which trap entry may dispatch to without the number. */
__noreturn void kernel_syscall_call(void);
__noreturn void kernel_syscall_reply_recv(void);
__noreturn void kernel_user_fault(const struct arch_fault *fault);
/* An interrupt arrived while a user thread ran and has been handled. */
__noreturn void kernel_preempted(void);

/* Guest exits (arch/arm/hyp/vcpu/exit.c), for the thread running a VCPU. */
/* Sends the exit (L4_VM_EXIT_LENGTH words, see libl4's abi.h) to the
 * thread's VMM. */
__noreturn void kernel_vm_exit(const uint32_t *msg);
/* The guest waits for an interrupt (WFI): block until one is pending. */
__noreturn void kernel_vcpu_wait(void);
struct arch_vcpu;
/* An interrupt became pending for v (wakes its thread from WFI). */
void kernel_vcpu_interrupt(struct arch_vcpu *v);

#endif
