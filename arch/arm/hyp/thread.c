// SPDX-License-Identifier: MIT
/* The HYP variant's user threads: what every thread runs with (VTCR, HDCR
 * traps) and the return to user mode in its VSpace's VMID. */
#include "../arch_private.h"
#include <arch/lpae.h>
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <arch/vcpu.h>
#include <l4/abi.h>
#include <tern/kconfig.h>
#include <tern/string.h>
#include <tern/vmid_pool.h>
#include "mm/vspace_object.h"

/* VTCR: 32-bit IPA, walk starts at level 1, walks cacheable, inner shareable */
#define VTCR_SL0 GENMASK(7, 6)
#define VTCR_IRGN0 GENMASK(9, 8)
#define VTCR_ORGN0 GENMASK(11, 10)
#define VTCR_SH0 GENMASK(13, 12)
#define VTCR_RES1 BIT(31)
#define VTCR_VALUE (VTCR_RES1 | FIELD_PREP(VTCR_SL0, 1) | FIELD_PREP(VTCR_IRGN0, TCR_CACHE_WBWA) | \
		    FIELD_PREP(VTCR_ORGN0, TCR_CACHE_WBWA) | FIELD_PREP(VTCR_SH0, LPAE_SH_INNER))

struct arch_context *arch_current_context; /* where the last trap saved */

__noreturn void arch_context_restore(struct arch_context *c); /* vectors.S */

static struct vmid_pool vmids = {.generation = 1, .next = 1, .limit = 256};

/* HDCR: debug registers (TDRA, TDOSA, TDA) and the performance monitor
 * (TPM, TPMCR) trapped to HYP for every thread, native or guest: they are
 * shared by all, and a breakpoint or counter one thread sets would act on
 * the others. HPMN keeps its reset value (all event counters). */
#define HDCR_HPMN GENMASK(4, 0)
#define HDCR_TPMCR BIT(5)
#define HDCR_TPM BIT(6)
#define HDCR_TDA BIT(9)
#define HDCR_TDOSA BIT(10)
#define HDCR_TDRA BIT(11)
#define HDCR_DEBUG_TRAPS (HDCR_TDA | HDCR_TDOSA | HDCR_TDRA)
#define HDCR_PMU_TRAPS (HDCR_TPM | HDCR_TPMCR)

const char *arch_threads_init(void)
{
	/* HCR is switched when a guest is involved (vcpu/switch.c) */
	sysreg_write32(VTCR, VTCR_VALUE);
	vcpu_set_native_hcr();
	uint32_t hdcr = (sysreg_read32(HDCR) & HDCR_HPMN) | HDCR_DEBUG_TRAPS;
	if (!IS_ENABLED(CONFIG_USER_CYCLE_COUNTER))
		hdcr |= HDCR_PMU_TRAPS;
	sysreg_write32(HDCR, hdcr);
	isb();
	return NULL;
}

void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs,
			 struct arch_vcpu *vcpu)
{
	struct vspace_object *o = vs->object;
	if (!vmid_pool_current(&vmids, o->generation)) {
		if (vmid_pool_assign(&vmids, &o->vmid, &o->generation)) {
			/* a new generation: no entry of the old one may survive */
			dsb();
			sysreg_write32(TLBIALLNSNH, 0);
			dsb();
		}
		o->vttbr = FIELD_PREP(VTTBR_VMID, o->vmid) | (uintptr_t)o->l1;
	}
	sysreg_write64(VTTBR, o->vttbr);
	if (vcpu || vcpu_guest_active)
		arch_vcpu_switch_to(vcpu, c);
	else /* native to native: only the TLS register differs (see vcpu/switch.c) */
		sysreg_write32(TPIDRURO, c->tls);
	/* no ISB: the exception return synchronises the context */
	arch_context_restore(c);
}
