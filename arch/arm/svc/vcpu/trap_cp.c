// SPDX-License-Identifier: MIT
/* Coprocessor instructions a deprivileged guest kernel executes unpatched
 * (docs/pv-vcpu.md, section 6, "Trapped"): in USR they are undefined
 * instructions. The kernel decodes them (arch/arm/pv/decode_cp.c) and does
 * what the matching hypercall does: system registers as HC_SET_SYSREG and
 * HC_GET_SYSREG, TLB maintenance as HC_TLB, cache maintenance as HC_CACHE.
 * CP15 and CP14 accesses it does not know, and SMC, go to the VMM in the
 * A15's layout (EC 0x03/0x04/0x05/0x0c/0x13), so `vmm/` answers them as it
 * does on the A15. Only the guest kernel's instructions are emulated: a
 * guest user's are its kernel's business (a PV_UPCALL_UNDEF). */
#include <arch/thread.h>
#include <arch/trap.h>
#include "../../arch_private.h"
#include "../../pv/decode_cp.h"
#include "../../pv/vcpu_pure.h"
#include "pv_private.h"
#include "shadow.h"

#define HSR_EC_SHIFT 26
#define TLBI_MVA_MASK 0xfffff000u
#define TLBI_ASID_MASK 0xffu

/* The instruction at pc, as decode_cp.h takes it; false when it cannot be
 * read (the caller then reports the undefined instruction). */
static bool read_instruction(struct arch_vcpu *v, uint32_t pc, bool thumb, uint32_t *insn)
{
	const void *p = pc < ARCH_USER_LIMIT ? shadow_guest_pointer(v, pc) : NULL;
	if (!p)
		return false;
	if (!thumb) {
		if (pc & 3)
			return false;
		*insn = *(const uint32_t *)p;
		return true;
	}
	uint16_t first = *(const uint16_t *)p;
	if ((first & 0xe000) != 0xe000 || (first & 0x1800) == 0)
		return false; /* a 16-bit instruction: never a coprocessor one */
	const void *q = shadow_guest_pointer(v, pc + 2); /* perhaps the next page */
	if (!q)
		return false;
	*insn = (uint32_t)first << 16 | *(const uint16_t *)q;
	return true;
}

static __noreturn void step_and_resume(struct arch_context *c)
{
	c->pc += 4; /* every coprocessor form is 32 bits, in both states */
	if (c->cpsr & (VCPU_PSR_IT_LOW | VCPU_PSR_IT_HIGH))
		c->cpsr = vcpu_it_advance(c->cpsr);
	kernel_preempted();
}

static __noreturn void exit_to_vmm(struct arch_vcpu *v, struct arch_context *c, enum cp_kind kind,
				   const struct cp_access *a)
{
	uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, cp_syndrome(kind, a), 0, 0, 0, 0};
	if (kind == CP_SMC) {
		msg[2] = c->r[0], msg[3] = c->r[1], msg[4] = c->r[2], msg[5] = c->r[3];
	} else {
		msg[2] = *pv_guest_reg(c, a->rt);
		msg[3] = kind == CP_MOVE64 ? *pv_guest_reg(c, a->rt2) : 0;
		msg[4] = pv_current_cpsr(v, c);
	}
	pv_exit(v, msg);
}

/* A system register: false when the kernel does not keep it as asked
 * (the VMM's, then). */
static bool system_register(struct arch_vcpu *v, struct arch_context *c, enum cp_kind kind,
			    const struct cp_access *a, unsigned reg)
{
	uint32_t *rt = pv_guest_reg(c, a->rt);
	if (a->read) {
		*rt = reg == L4_VCPU_TPIDRURO ? c->tls : v->regs[reg];
		if (kind == CP_MOVE64) /* the high words: no LPAE, no 64-bit PAR */
			*pv_guest_reg(c, a->rt2) = 0;
		return true;
	}
	if (kind == CP_MOVE64 && *pv_guest_reg(c, a->rt2) != 0)
		return false; /* a long-descriptor TTBR: not offered */
	return pv_set_sysreg(v, c, reg, *rt) == L4_OK;
}

static void tlb_operation(struct arch_vcpu *v, unsigned op, uint32_t value)
{
	uint32_t done;
	switch (op) {
	case CP15_TLB_ALL:
		shadow_tlb(v, op, 0, 0, 0, &done);
		break;
	case CP15_TLB_ASID:
		shadow_tlb(v, op, 0, value & TLBI_ASID_MASK, 0, &done);
		break;
	case CP15_TLB_MVA_ASID:
		shadow_tlb(v, op, value & TLBI_MVA_MASK, value & TLBI_ASID_MASK, 1, &done);
		break;
	default:
		shadow_tlb(v, op, value & TLBI_MVA_MASK, 0, 1, &done);
		break;
	}
}

static void cache_operation(struct arch_vcpu *v, unsigned op, uint32_t value)
{
	uint32_t done;
	if (op == CP15_CACHE_INVALIDATE_I_ALL) {
		arch_invalidate_icache();
		return;
	}
	/* one line: 32 bytes is the A9's smallest; HC_CACHE rounds to lines */
	guest_cache_maintain(v, op, value & ~31u, 32, &done);
}

bool pv_trap_coprocessor(struct arch_vcpu *v, struct arch_context *c)
{
	bool thumb = c->cpsr & PSR_T;
	uint32_t insn;
	struct cp_access a;
	if (c->vmode != PSR_MODE_SVC || !read_instruction(v, c->pc, thumb, &insn))
		return false;
	enum cp_kind kind = cp_decode(insn, thumb, &a);
	switch (kind) {
	case CP_SMC:
		exit_to_vmm(v, c, kind, &a);
	case CP_MOVE:
	case CP_MOVE64:
		break;
	default: /* not one, FPEXC (no VFP for A9 guests yet), or unpredictable */
		return false;
	}
	unsigned index = 0;
	uint32_t value = *pv_guest_reg(c, a.rt);
	switch (cp15_classify(kind, &a, &index)) {
	case CP15_REGISTER:
		if (!system_register(v, c, kind, &a, index))
			exit_to_vmm(v, c, kind, &a);
		break;
	case CP15_TLB:
		tlb_operation(v, index, value);
		break;
	case CP15_CACHE:
		cache_operation(v, index, value);
		break;
	case CP15_CACHE_SET_WAY:
		arch_clean_invalidate_dcache_set_way(value);
		break;
	case CP15_BARRIER:
		dsb(); /* entering and leaving the kernel is a barrier already */
		break;
	default:
		exit_to_vmm(v, c, kind, &a);
	}
	step_and_resume(c);
}
