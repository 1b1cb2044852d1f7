// SPDX-License-Identifier: MIT
/* The SVC variant's user threads: the return to user mode in the thread's
 * address space. A switch between address spaces writes TTBR0 and
 * CONTEXTIDR with the VSpace's ASID (mm/asid.c) and flushes nothing; the
 * kernel's half (TTBR1) never changes. */
#include "../arch_private.h"
#include "mm/asid.h"
#include <arch/sysreg.h>
#include <arch/thread.h>

struct arch_context *arch_current_context; /* where the last trap saved */

__noreturn void arch_context_restore(struct arch_context *c); /* vectors.S */

const char *arch_threads_init(void)
{
	return NULL;
}

void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs,
			 struct arch_vcpu *vcpu)
{
	asid_activate(vs->object);
	sysreg_write32(TPIDRURO, c->tls);
	/* no ISB: the exception return synchronises the context */
	arch_context_restore(c);
}
