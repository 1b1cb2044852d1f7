// SPDX-License-Identifier: MIT
/* Guest exits: every trap from a running guest arrives here. WFI is handled
 * in the kernel (the VCPU blocks until an interrupt is pending); everything
 * else goes to the VMM as an exit message (layout in libl4's abi.h), and
 * the VMM's reply is applied here: results written to guest registers, the
 * instruction stepped, or an exception injected into the guest. */
#include <arch/sysreg.h>
#include <arch/trap.h>
#include "../../arch_private.h"
#include "vcpu_private.h"
#include "../../pv/vcpu_pure.h"

#define EC_WFI_WFE 0x01u
#define EC_HCPTR 0x07u /* a CP10/CP11 (VFP) access while another VCPU has the unit */
#define HSR_WFE BIT(0)
#define HSR_CV BIT(24)              /* COND is valid */
#define HSR_COND GENMASK(23, 20)
#define PSR_NZCV 0xf0000000u
#define PSR_IT_LOW 0x06000000u      /* ITSTATE[1:0] */
#define PSR_IT_HIGH 0x0000fc00u     /* ITSTATE[7:2] */
#define HPFAR_FIPA GENMASK(31, 4)   /* IPA bits 39..12 */
#define HSR_ABT_S1PTW BIT(7)        /* the fault was on a stage-1 table walk */
#define SCTLR_M BIT(0)
#define PAR_F BIT64(0)              /* the translation failed */
#define PAR_LPAE BIT64(11)          /* 64-bit format */
#define PAR_PA_40 GENMASK64(39, 12)
#define PAR_PA_32 GENMASK64(31, 12)

/* Where guest register n (0-15) lives as the guest's current mode sees
 * it: the thread's context for the registers modes share, else the VCPU's
 * banked copy (brought into memory first; banked operands are rare). */
static uint32_t *guest_reg(struct arch_vcpu *v, struct arch_context *c, unsigned n)
{
	static const uint8_t banked_sp_lr[][2] = {
		[PSR_MODE_SVC & 0xf] = {L4_VCPU_SP_SVC, L4_VCPU_LR_SVC},
		[PSR_MODE_ABT & 0xf] = {L4_VCPU_SP_ABT, L4_VCPU_LR_ABT},
		[PSR_MODE_UND & 0xf] = {L4_VCPU_SP_UND, L4_VCPU_LR_UND},
		[PSR_MODE_IRQ & 0xf] = {L4_VCPU_SP_IRQ, L4_VCPU_LR_IRQ},
		[PSR_MODE_FIQ & 0xf] = {L4_VCPU_SP_FIQ, L4_VCPU_LR_FIQ},
	};
	uint32_t mode = c->cpsr & PSR_MODE_MASK;
	bool fiq_bank = mode == PSR_MODE_FIQ && n >= 8 && n < 13;
	if (n >= 15)
		return &c->pc;
	if (n < 13 && !fiq_bank)
		return &c->r[n];
	if (mode == PSR_MODE_USR || mode == PSR_MODE_SYS)
		return n == 13 ? &c->sp : &c->lr;
	arch_vcpu_sync(v);
	if (fiq_bank)
		return &v->regs[L4_VCPU_R8_FIQ + (n - 8)];
	unsigned bank = mode & 0xf;
	if (bank >= sizeof(banked_sp_lr) / sizeof(banked_sp_lr[0]) || !banked_sp_lr[bank][0])
		return &c->sp; /* no guest runs in another mode (arch_vcpu_valid_cpsr) */
	return &v->regs[banked_sp_lr[bank][n - 13]];
}

/* Takes the guest into the exception `mode` at vector offset `vector`, as
 * the hardware would have (ARMv7 PL1 exception entry). */
static void enter_guest_exception(struct arch_vcpu *v, struct arch_context *c, uint32_t mode,
				  uint32_t vector, uint32_t return_offset)
{
	arch_vcpu_sync(v);
	uint32_t sctlr = v->regs[L4_VCPU_SCTLR];
	uint32_t spsr_idx = mode == PSR_MODE_ABT ? L4_VCPU_SPSR_ABT : L4_VCPU_SPSR_UND;
	uint32_t lr_idx = mode == PSR_MODE_ABT ? L4_VCPU_LR_ABT : L4_VCPU_LR_UND;
	v->regs[spsr_idx] = c->cpsr;
	v->regs[lr_idx] = c->pc + return_offset;
	uint32_t cpsr = (c->cpsr & ~(PSR_MODE_MASK | PSR_T | 0x0600fc00u /* IT */ | BIT(9) /* E */)) |
			mode | PSR_I | (mode == PSR_MODE_ABT ? PSR_A : 0);
	if (sctlr & BIT(30)) /* TE: exceptions in Thumb */
		cpsr |= PSR_T;
	if (sctlr & BIT(25)) /* EE */
		cpsr |= BIT(9);
	c->cpsr = cpsr;
	c->pc = (sctlr & BIT(13) ? 0xffff0000u : v->regs[L4_VCPU_VBAR]) + vector;
}

#define TTBCR_EAE BIT(31)
/* Fault status of a synchronous external abort in the guest's format. */
static uint32_t external_abort_status(const struct arch_vcpu *v)
{
	return v->regs[L4_VCPU_TTBCR] & TTBCR_EAE ? BIT(9) | 0x10u : 0x8u;
}

/* The faulting IPA: 40 bits (a guest's stage 1 can name addresses above
 * 4 GiB, none of which it has; the exit message carries 32). HPFAR holds
 * IPA[39:12], but QEMU 7.2 leaves bits 39:32 out, so with the guest's
 * stage 1 on the kernel translates the faulting address itself (ATS1CPR;
 * the guest's PAR is kept). A fault on the stage-1 walk itself (S1PTW)
 * has no translation to ask for: HPFAR is all there is. */
static uint64_t exit_ipa(uint32_t hsr, uint32_t far)
{
	uint64_t ipa = (uint64_t)(sysreg_read32(HPFAR) & HPFAR_FIPA) << 8 | (far & 0xfffu);
	if (!(sysreg_read32(SCTLR) & SCTLR_M) || (hsr & HSR_ABT_S1PTW))
		return ipa;
	uint64_t guest_par = sysreg_read64(PAR_64);
	sysreg_write32(ATS1CPR, far);
	isb();
	uint64_t par = sysreg_read64(PAR_64);
	sysreg_write64(PAR_64, guest_par);
	if (par & PAR_F)
		return ipa;
	uint64_t page = par & (par & PAR_LPAE ? PAR_PA_40 : PAR_PA_32);
	return page | (far & 0xfffu);
}

/* Past the exiting instruction, as if it had executed. */
static void step_over(struct arch_context *c, uint32_t hsr)
{
	c->pc += hsr & HSR_IL ? 4 : 2;
	if (c->cpsr & (PSR_IT_LOW | PSR_IT_HIGH))
		c->cpsr = vcpu_it_advance(c->cpsr);
}

/* Whether a trapped conditional instruction passes its condition (HSR.CV
 * and COND); one that fails is skipped as the hardware would have. */
static bool condition_passes(uint32_t hsr, uint32_t cpsr)
{
	if (!(hsr & HSR_CV))
		return true;
	unsigned cond = FIELD_GET(HSR_COND, hsr);
	bool n = cpsr & BIT(31), z = cpsr & BIT(30), cf = cpsr & BIT(29), v = cpsr & BIT(28);
	bool r;
	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = cf; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = cf && !z; break;
	case 5: r = n == v; break;
	case 6: r = n == v && !z; break;
	default: return true; /* AL */
	}
	return cond & 1 ? !r : r;
}

/* The classes whose HSR has CV and COND. */
#define EC_WITH_CONDITION (BIT(EC_WFI_WFE) | BIT(L4_EC_CP15_32) | BIT(L4_EC_CP15_64) | \
			   BIT(L4_EC_CP14_32) | BIT(L4_EC_CP14_LS) | BIT(L4_EC_CP14_64))

static bool has_condition(uint32_t ec)
{
	return ec < 32 && (EC_WITH_CONDITION & BIT(ec));
}

static void inject_external_abort(struct arch_vcpu *v, struct arch_context *c, bool data,
				  bool write, uint32_t far)
{
	enter_guest_exception(v, c, PSR_MODE_ABT, data ? 0x10 : 0x0c, data ? 8 : 4);
	uint32_t fs = external_abort_status(v);
	if (data) {
		v->regs[L4_VCPU_DFSR] = fs | (write ? BIT(11) : 0);
		v->regs[L4_VCPU_DFAR] = far;
	} else {
		v->regs[L4_VCPU_IFSR] = fs;
		v->regs[L4_VCPU_IFAR] = far;
	}
}

__noreturn void arch_vcpu_trap(uint32_t hsr)
{
	struct arch_vcpu *v = vcpu_loaded;
	struct arch_context *c = arch_current_context;
	uint32_t ec = FIELD_GET(HSR_EC, hsr);

	if (has_condition(ec) && !condition_passes(hsr, c->cpsr)) {
		step_over(c, hsr);
		kernel_preempted();
	}
	if (ec == EC_WFI_WFE && !v->wfi_exits) {
		step_over(c, hsr);
		if (hsr & HSR_WFE || arch_vcpu_interrupt_pending(v))
			kernel_preempted(); /* WFE: a yield; a pending interrupt ends WFI */
		v->wfi_blocks++;
		kernel_vcpu_wait();
	}

	if (ec == EC_HCPTR) {
		vfp_take(v);
		kernel_preempted(); /* the instruction runs again, with the unit */
	}

	uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, hsr, 0, 0, c->cpsr, 0};
	switch (ec) {
	case L4_EC_DATA_ABORT: {
		uint32_t far = sysreg_read32(HDFAR);
		uint64_t ipa = exit_ipa(hsr, far);
		if (ipa >> 32) { /* beyond any guest's memory: an abort, never an alias */
			inject_external_abort(v, c, true, L4_HSR_DABT_WRITE(hsr), far);
			kernel_preempted();
		}
		msg[2] = (uint32_t)ipa;
		if (L4_HSR_DABT_ISV(hsr) && L4_HSR_DABT_WRITE(hsr))
			msg[3] = *guest_reg(v, c, L4_HSR_DABT_SRT(hsr));
		msg[5] = far;
		break;
	}
	case L4_EC_PREFETCH_ABORT: {
		uint32_t far = sysreg_read32(HIFAR);
		uint64_t ipa = exit_ipa(hsr, far);
		if (ipa >> 32) {
			inject_external_abort(v, c, false, false, far);
			kernel_preempted();
		}
		msg[2] = (uint32_t)ipa;
		msg[5] = far;
		break;
	}
	case L4_EC_HVC:
	case L4_EC_SMC:
		msg[2] = c->r[0], msg[3] = c->r[1], msg[4] = c->r[2], msg[5] = c->r[3];
		break;
	case L4_EC_CP15_32:
	case L4_EC_CP14_32:
		msg[2] = *guest_reg(v, c, FIELD_GET(HSR_CP_RT, hsr));
		break;
	case L4_EC_CP15_64:
	case L4_EC_CP14_64:
		msg[2] = *guest_reg(v, c, FIELD_GET(HSR_CP_RT, hsr));
		msg[3] = *guest_reg(v, c, FIELD_GET(HSR_CP_RT2, hsr));
		break;
	default:
		break;
	}
	v->exits++;
	kernel_vm_exit(msg);
}

void arch_vcpu_apply_reply(struct arch_vcpu *v, struct arch_context *c, const uint32_t *exit,
			   const uint32_t *mr, unsigned length)
{
	uint32_t hsr = exit[1];
	uint32_t ec = FIELD_GET(HSR_EC, hsr);
	uint32_t actions = length >= 1 ? mr[0] : 0;
	bool thumb = c->cpsr & PSR_T;

	if (actions & L4_VM_REPLY_ABORT) {
		/* far: the guest VA, as the exit reported it */
		inject_external_abort(v, c, ec == L4_EC_DATA_ABORT, L4_HSR_DABT_WRITE(hsr), exit[5]);
		return;
	}
	if (actions & L4_VM_REPLY_UNDEF) {
		enter_guest_exception(v, c, PSR_MODE_UND, 0x04, thumb ? 2 : 4);
		return;
	}
	if (actions & L4_VM_REPLY_SET && length >= 2) {
		switch (ec) {
		case L4_EC_DATA_ABORT:
			if (L4_HSR_DABT_ISV(hsr) && !L4_HSR_DABT_WRITE(hsr))
				*guest_reg(v, c, L4_HSR_DABT_SRT(hsr)) =
					vcpu_loaded_value(hsr, L4_HSR_DABT_SIZE(hsr), mr[1]);
			break;
		case L4_EC_CP15_32:
		case L4_EC_CP14_32:
			if (!(hsr & HSR_CP_READ))
				break;
			if (FIELD_GET(HSR_CP_RT, hsr) == 15) /* MRC to APSR_nzcv: the flags */
				c->cpsr = (c->cpsr & ~PSR_NZCV) | (mr[1] & PSR_NZCV);
			else
				*guest_reg(v, c, FIELD_GET(HSR_CP_RT, hsr)) = mr[1];
			break;
		case L4_EC_CP15_64:
		case L4_EC_CP14_64:
			/* Rt or Rt2 = PC is unpredictable: the result is dropped */
			if (hsr & HSR_CP_READ && FIELD_GET(HSR_CP_RT, hsr) != 15 &&
			    FIELD_GET(HSR_CP_RT2, hsr) != 15) {
				*guest_reg(v, c, FIELD_GET(HSR_CP_RT, hsr)) = mr[1];
				*guest_reg(v, c, FIELD_GET(HSR_CP_RT2, hsr)) = length >= 3 ? mr[2] : 0;
			}
			break;
		case L4_EC_HVC:
		case L4_EC_SMC:
			c->r[0] = mr[1];
			break;
		default:
			break;
		}
	}
	/* HVC returns past itself already; everything else stops at the
	 * instruction that exited. */
	if (actions & L4_VM_REPLY_STEP && ec != L4_EC_HVC)
		step_over(c, hsr);
}
