// SPDX-License-Identifier: MIT
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

#define PSR_USER (PSR_MODE_USR)

struct arch_context *arch_current_context; /* where the last trap saved */

__noreturn void arch_context_restore(struct arch_context *c); /* vectors.S */

void arch_context_init(struct arch_context *c, uint32_t entry, uint32_t sp, uint32_t arg0)
{
	memset(c, 0, sizeof(*c));
	c->r[0] = arg0;
	c->sp = sp;
	c->pc = entry;
	c->cpsr = PSR_USER;
}

static struct vmid_pool vmids = {.generation = 1, .next = 1, .limit = 256};

/* What user code may set in CPSR: N Z C V Q, GE[3:0], T. */
#define PSR_USER_WRITABLE 0xf80f0020u

void arch_context_get(const struct arch_context *c, uint32_t *regs)
{
	regs[L4_REG_PC] = c->pc;
	regs[L4_REG_SP] = c->sp;
	for (unsigned i = 0; i < 13; i++)
		regs[L4_REG_R0 + i] = c->r[i];
	regs[L4_REG_LR] = c->lr;
	regs[L4_REG_CPSR] = c->cpsr;
}

/* What a VMM may set in a guest's CPSR: all but J and the reserved bits. */
#define PSR_GUEST_WRITABLE 0xfe0fffffu

bool arch_context_set(struct arch_context *c, const uint32_t *regs, unsigned n, bool guest)
{
	uint32_t all[L4_REG_COUNT];
	arch_context_get(c, all);
	for (unsigned i = 0; i < n && i < L4_REG_COUNT; i++)
		all[i] = regs[i];
	uint32_t cpsr = all[L4_REG_CPSR];
	if (guest && !arch_vcpu_valid_cpsr(cpsr))
		return false;
	c->pc = all[L4_REG_PC];
	c->sp = all[L4_REG_SP];
	for (unsigned i = 0; i < 13; i++)
		c->r[i] = all[L4_REG_R0 + i];
	c->lr = all[L4_REG_LR];
	c->cpsr = guest ? cpsr & PSR_GUEST_WRITABLE : (cpsr & PSR_USER_WRITABLE) | PSR_MODE_USR;
	return true;
}

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

void arch_threads_init(void)
{
	/* HCR is switched when a guest is involved (vcpu/switch.c) */
	sysreg_write32(VTCR, VTCR_VALUE);
	vcpu_set_native_hcr();
	uint32_t hdcr = (sysreg_read32(HDCR) & HDCR_HPMN) | HDCR_DEBUG_TRAPS;
	if (!IS_ENABLED(CONFIG_USER_CYCLE_COUNTER))
		hdcr |= HDCR_PMU_TRAPS;
	sysreg_write32(HDCR, hdcr);
	isb();
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

/* The smallest data cache line (32 bytes on Cortex-A9, 64 on A15). */
static uintptr_t dcache_line(void)
{
	return 4u << FIELD_GET(CTR_DMINLINE, sysreg_read32(CTR));
}

static void invalidate_icache(void)
{
	dsb();
	sysreg_write32(ICIALLU, 0);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

void arch_sync_icache(const void *start, size_t len)
{
	uintptr_t line = dcache_line(), p = ALIGN_DOWN((uintptr_t)start, line);
	for (; p < (uintptr_t)start + len; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(p) : "memory"); /* DCCMVAU */
	invalidate_icache();
}

void arch_clean_to_memory(const void *start, size_t len)
{
	uintptr_t line = dcache_line(), p = ALIGN_DOWN((uintptr_t)start, line);
	for (; p < (uintptr_t)start + len; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(p) : "memory"); /* DCCMVAC */
	invalidate_icache();
}
