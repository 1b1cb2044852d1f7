// SPDX-License-Identifier: MIT
/* The SVC variant's user threads: the return to user mode in the thread's
 * address space. A switch between address spaces writes TTBR0 and
 * CONTEXTIDR with the VSpace's ASID (mm/asid.c) and flushes nothing; the
 * kernel's half (TTBR1) never changes. */
#include "../arch_private.h"
#include "mm/asid.h"
#include "vcpu/shadow.h"
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <arch/vcpu.h>

struct arch_context *arch_current_context; /* where the last trap saved */


__noreturn void arch_context_restore(struct arch_context *c); /* vectors.S */

#define DACR_DOMAIN0_MASK 0x3u
#define DACR_DOMAIN0_CLIENT 0x1u
/* what mm/kernel_mmu.c set at boot */
static uint32_t loaded_dacr = ARCH_DACR_NATIVE;

const char *arch_threads_init(void)
{
	return NULL;
}

/* The return proper, once the address space is in TTBR0: the domains,
 * the TLS register, then into c. */
static __noreturn __attribute__((always_inline)) inline void
return_loaded(struct arch_context *c)
{
	if (c->dacr != loaded_dacr) {
		/* domain 0, the kernel's, stays a client: its pages' permissions
		 * never let user mode in, whatever a context holds */
		loaded_dacr = (c->dacr & ~DACR_DOMAIN0_MASK) | DACR_DOMAIN0_CLIENT;
		sysreg_write32(DACR, loaded_dacr);
	}
	sysreg_write32(TPIDRURO, c->tls);
	/* no ISB: the exception return synchronises the context */
	arch_context_restore(c);
}

static __noreturn __attribute__((always_inline)) inline void
return_in(struct arch_context *c, const struct arch_vspace *vs)
{
	asid_activate(vs->object);
	return_loaded(c);
}

/* A guest's return goes its own way (its mode, view and pending virtual
 * interrupts first, svc/vcpu/state.c; its shadow table when its MMU is on,
 * svc/vcpu/shadow.c), so that a native thread's costs a compare and a
 * branch more, nothing else. */
static __noreturn __attribute__((noinline)) void return_to_guest(struct arch_context *c,
								  const struct arch_vspace *vs,
								  struct arch_vcpu *vcpu)
{
	arch_vcpu_switch_to(vcpu, c);
	const uint32_t *l1;
	struct asid_tag *shadow = shadow_enter(vcpu, &l1);
	if (shadow) {
		asid_activate_table(l1, shadow);
		return_loaded(c);
	}
	return_in(c, vs);
}

void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs,
			 struct arch_vcpu *vcpu)
{
	if (__builtin_expect(vcpu != NULL, 0))
		return_to_guest(c, vs, vcpu);
	return_in(c, vs);
}
