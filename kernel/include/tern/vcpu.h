/* SPDX-License-Identifier: MIT */
/* VCPU objects: a guest's virtual CPU, bound to the TCB that runs it. The
 * thread's registers are the guest's core registers; the VCPU holds the
 * rest (arch/vcpu.h). Exits go to the thread's fault endpoint: its VMM. */
#ifndef TERN_VCPU_H
#define TERN_VCPU_H

#include <arch/vcpu.h>
#include <tern/invocation.h>

struct vcpu {
	struct arch_vcpu arch;
	struct tcb *tcb;   /* the thread running it, or NULL */
};
_Static_assert(sizeof(struct vcpu) <= 4096, "a VCPU fits its object");

void vcpu_init(struct vcpu *v);
/* The VCPU's last cap is gone: its thread, if any, is stopped. */
void vcpu_destroy(struct vcpu *v);
/* Separates a TCB from its VCPU (the TCB is going away). */
void vcpu_unbind_tcb(struct tcb *t);
struct invocation_error vcpu_invoke(struct invocation *inv);

#endif
