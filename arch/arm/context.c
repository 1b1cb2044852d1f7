// SPDX-License-Identifier: MIT
/* A user thread's saved registers: the context a new thread starts from,
 * and reading and writing it in the ABI's register order. The same on
 * every CPU variant (struct arch_context is the trap entries' layout). */
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <arch/vcpu.h>
#include <l4/abi.h>
#include <tern/string.h>

#define PSR_USER (PSR_MODE_USR)

void arch_context_init(struct arch_context *c, uint32_t entry, uint32_t sp, uint32_t arg0)
{
	memset(c, 0, sizeof(*c));
	c->r[0] = arg0;
	c->sp = sp;
	c->pc = entry;
	c->cpsr = PSR_USER;
#ifdef CONFIG_ARM_SVC
	c->dacr = ARCH_DACR_NATIVE;
#endif
}

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
#ifdef CONFIG_ARM_SVC
	if (c->vmode) /* a deprivileged guest: its virtual mode */
		regs[L4_REG_CPSR] = (c->cpsr & ~PSR_MODE_MASK) | c->vmode;
#endif
}

/* What a VMM may set in a guest's CPSR: all but J and the reserved bits. */
#define PSR_GUEST_WRITABLE 0xfe0fffffu
/* SVC: what a deprivileged guest's hardware CPSR takes from a VMM's or
 * a frame's: N Z C V Q, IT, GE, E, T (never A, I, F or a mode). */
#define PSR_USER_WRITABLE_GUEST 0xfe0ffe20u

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
#ifdef CONFIG_ARM_SVC
	/* a deprivileged guest runs in USR whatever its virtual mode, which
	 * arch_vcpu_valid_cpsr limited to USR or SVC, and with F set, the mark
	 * of a guest (arch/arm/pv/vcpu_pure.h) */
	if (guest) {
		c->vmode = cpsr & PSR_MODE_MASK;
		c->cpsr = (cpsr & PSR_USER_WRITABLE_GUEST) | PSR_F | PSR_MODE_USR;
		return true;
	}
#endif
	c->cpsr = guest ? cpsr & PSR_GUEST_WRITABLE : (cpsr & PSR_USER_WRITABLE) | PSR_MODE_USR;
	return true;
}
