// SPDX-License-Identifier: MIT
/* The VCPU state switch: guest system registers, banked registers of the
 * guest's modes and the virtual timer, loaded lazily (see arch/vcpu.h),
 * and the HCR that tells native threads and guests apart. */
#include <arch/sysreg.h>
#include <tern/string.h>
#include "../../arch_private.h"
#include "vcpu_private.h"

/* Guests: stage 2 on; physical IRQ, FIQ and asynchronous aborts to HYP (the
 * guest gets virtual ones); SMC, WFI, ACTLR and implementation-defined CP15
 * registers trapped; set/way cache maintenance upgraded to clean and
 * invalidate, since the guest does not own whole caches. */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_TWI BIT(13)
#define HCR_TSC BIT(19)
#define HCR_TIDCP BIT(20)
#define HCR_TAC BIT(21)
#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC | HCR_TIDCP | HCR_TAC)
/* Native threads: the same, plus everything of theirs to HYP (TGE) with
 * stage 1 off (DC). */
#define HCR_DC BIT(12)
#define HCR_TGE BIT(27)
#define HCR_NATIVE (HCR_VM | HCR_FMO | HCR_IMO | HCR_AMO | HCR_DC | HCR_TSC | HCR_TGE)

#define SCTLR_RESET 0x00c50078u /* MMU, caches off; the RES1 bits */
#define MPIDR_MP_FORMAT BIT(31)

struct arch_vcpu *vcpu_loaded;
bool vcpu_guest_active;

void arch_vcpu_init(struct arch_vcpu *v)
{
	memset(v, 0, sizeof(*v));
	v->regs[L4_VCPU_SCTLR] = SCTLR_RESET;
	v->regs[L4_VCPU_VMPIDR] = MPIDR_MP_FORMAT; /* CPU 0 of a uniprocessor guest */
	v->regs[L4_VCPU_SPSR_SVC] = PSR_MODE_SVC | PSR_A | PSR_I | PSR_F;
}

#define SAVE32(reg, idx) (r[idx] = sysreg_read32(reg))
#define LOAD32(reg, idx) sysreg_write32(reg, r[idx])
#define SAVE64(reg, idx)                         \
	do {                                     \
		uint64_t v64_ = sysreg_read64(reg); \
		r[idx] = (uint32_t)v64_;         \
		r[idx + 1] = (uint32_t)(v64_ >> 32); \
	} while (0)
#define LOAD64(reg, idx) sysreg_write64(reg, (uint64_t)r[idx + 1] << 32 | r[idx])
#define SAVE_BANKED(name, idx) __asm__ volatile("mrs %0, " name : "=r"(r[idx]))
#define LOAD_BANKED(name, idx) __asm__ volatile("msr " name ", %0" : : "r"(r[idx]))

static void save_state(struct arch_vcpu *v)
{
	uint32_t *r = v->regs;
	SAVE32(ACTLR, L4_VCPU_ACTLR);
	SAVE32(CPACR, L4_VCPU_CPACR);
	SAVE64(TTBR0_64, L4_VCPU_TTBR0_LO);
	SAVE64(TTBR1_64, L4_VCPU_TTBR1_LO);
	SAVE32(TTBCR, L4_VCPU_TTBCR);
	SAVE32(DACR, L4_VCPU_DACR);
	SAVE32(DFSR, L4_VCPU_DFSR);
	SAVE32(IFSR, L4_VCPU_IFSR);
	SAVE32(ADFSR, L4_VCPU_ADFSR);
	SAVE32(AIFSR, L4_VCPU_AIFSR);
	SAVE32(DFAR, L4_VCPU_DFAR);
	SAVE32(IFAR, L4_VCPU_IFAR);
	SAVE64(PAR_64, L4_VCPU_PAR_LO);
	SAVE32(PRRR, L4_VCPU_PRRR);
	SAVE32(NMRR, L4_VCPU_NMRR);
	SAVE32(AMAIR0, L4_VCPU_AMAIR0);
	SAVE32(AMAIR1, L4_VCPU_AMAIR1);
	SAVE32(VBAR, L4_VCPU_VBAR);
	SAVE32(CONTEXTIDR, L4_VCPU_CONTEXTIDR);
	SAVE32(TPIDRPRW, L4_VCPU_TPIDRPRW);
	SAVE32(CSSELR, L4_VCPU_CSSELR);
	SAVE32(CNTV_CTL, L4_VCPU_CNTV_CTL);
	SAVE64(CNTV_CVAL, L4_VCPU_CNTV_CVAL_LO);
	SAVE32(VMPIDR, L4_VCPU_VMPIDR);
	SAVE_BANKED("sp_svc", L4_VCPU_SP_SVC);
	SAVE_BANKED("lr_svc", L4_VCPU_LR_SVC);
	SAVE_BANKED("spsr_svc", L4_VCPU_SPSR_SVC);
	SAVE_BANKED("sp_abt", L4_VCPU_SP_ABT);
	SAVE_BANKED("lr_abt", L4_VCPU_LR_ABT);
	SAVE_BANKED("spsr_abt", L4_VCPU_SPSR_ABT);
	SAVE_BANKED("sp_und", L4_VCPU_SP_UND);
	SAVE_BANKED("lr_und", L4_VCPU_LR_UND);
	SAVE_BANKED("spsr_und", L4_VCPU_SPSR_UND);
	SAVE_BANKED("sp_irq", L4_VCPU_SP_IRQ);
	SAVE_BANKED("lr_irq", L4_VCPU_LR_IRQ);
	SAVE_BANKED("spsr_irq", L4_VCPU_SPSR_IRQ);
	SAVE_BANKED("sp_fiq", L4_VCPU_SP_FIQ);
	SAVE_BANKED("lr_fiq", L4_VCPU_LR_FIQ);
	SAVE_BANKED("spsr_fiq", L4_VCPU_SPSR_FIQ);
	SAVE_BANKED("r8_fiq", L4_VCPU_R8_FIQ);
	SAVE_BANKED("r9_fiq", L4_VCPU_R9_FIQ);
	SAVE_BANKED("r10_fiq", L4_VCPU_R10_FIQ);
	SAVE_BANKED("r11_fiq", L4_VCPU_R11_FIQ);
	SAVE_BANKED("r12_fiq", L4_VCPU_R12_FIQ);
	/* its timer must not fire while another VCPU's state is loaded */
	sysreg_write32(CNTV_CTL, 0);
	vtimer_watch(v);
	vgic_save(v);
}

static void load_state(struct arch_vcpu *v)
{
	const uint32_t *r = v->regs;
	LOAD32(ACTLR, L4_VCPU_ACTLR);
	LOAD32(CPACR, L4_VCPU_CPACR);
	LOAD64(TTBR0_64, L4_VCPU_TTBR0_LO);
	LOAD64(TTBR1_64, L4_VCPU_TTBR1_LO);
	LOAD32(TTBCR, L4_VCPU_TTBCR);
	LOAD32(DACR, L4_VCPU_DACR);
	LOAD32(DFSR, L4_VCPU_DFSR);
	LOAD32(IFSR, L4_VCPU_IFSR);
	LOAD32(ADFSR, L4_VCPU_ADFSR);
	LOAD32(AIFSR, L4_VCPU_AIFSR);
	LOAD32(DFAR, L4_VCPU_DFAR);
	LOAD32(IFAR, L4_VCPU_IFAR);
	LOAD64(PAR_64, L4_VCPU_PAR_LO);
	LOAD32(PRRR, L4_VCPU_PRRR);
	LOAD32(NMRR, L4_VCPU_NMRR);
	LOAD32(AMAIR0, L4_VCPU_AMAIR0);
	LOAD32(AMAIR1, L4_VCPU_AMAIR1);
	LOAD32(VBAR, L4_VCPU_VBAR);
	LOAD32(CONTEXTIDR, L4_VCPU_CONTEXTIDR);
	LOAD32(TPIDRPRW, L4_VCPU_TPIDRPRW);
	LOAD32(CSSELR, L4_VCPU_CSSELR);
	LOAD64(CNTV_CVAL, L4_VCPU_CNTV_CVAL_LO);
	LOAD32(CNTV_CTL, L4_VCPU_CNTV_CTL);
	LOAD32(VMPIDR, L4_VCPU_VMPIDR);
	LOAD_BANKED("sp_svc", L4_VCPU_SP_SVC);
	LOAD_BANKED("lr_svc", L4_VCPU_LR_SVC);
	LOAD_BANKED("spsr_svc", L4_VCPU_SPSR_SVC);
	LOAD_BANKED("sp_abt", L4_VCPU_SP_ABT);
	LOAD_BANKED("lr_abt", L4_VCPU_LR_ABT);
	LOAD_BANKED("spsr_abt", L4_VCPU_SPSR_ABT);
	LOAD_BANKED("sp_und", L4_VCPU_SP_UND);
	LOAD_BANKED("lr_und", L4_VCPU_LR_UND);
	LOAD_BANKED("spsr_und", L4_VCPU_SPSR_UND);
	LOAD_BANKED("sp_irq", L4_VCPU_SP_IRQ);
	LOAD_BANKED("lr_irq", L4_VCPU_LR_IRQ);
	LOAD_BANKED("spsr_irq", L4_VCPU_SPSR_IRQ);
	LOAD_BANKED("sp_fiq", L4_VCPU_SP_FIQ);
	LOAD_BANKED("lr_fiq", L4_VCPU_LR_FIQ);
	LOAD_BANKED("spsr_fiq", L4_VCPU_SPSR_FIQ);
	LOAD_BANKED("r8_fiq", L4_VCPU_R8_FIQ);
	LOAD_BANKED("r9_fiq", L4_VCPU_R9_FIQ);
	LOAD_BANKED("r10_fiq", L4_VCPU_R10_FIQ);
	LOAD_BANKED("r11_fiq", L4_VCPU_R11_FIQ);
	LOAD_BANKED("r12_fiq", L4_VCPU_R12_FIQ);
	vgic_load(v);
	vtimer_unwatch(v);
}

void vcpu_set_native_hcr(void)
{
	sysreg_write32(HCR, HCR_NATIVE);
}

/* What a guest can write that would stay in force for the threads that run
 * after it. The rest of its PL1 state (translation registers, fault and
 * vector registers, banked registers, CSSELR, CPACR, the virtual timer)
 * acts on PL1 and stage 1 only, which native threads never use (HCR.TGE
 * and DC): it stays loaded while they run and moves only when another
 * VCPU runs (lazy switching, arch/vcpu.h). The exceptions:
 * - TPIDRURO, TPIDRURW (thread ids user mode reads or writes), SCTLR (its
 *   A and CP15BEN bits act on user mode), CNTKCTL (user access to the
 *   counters and timers, the loaded guest's virtual timer among them) and
 *   FCSEIDR (the Cortex-A15 has no FCSE, but QEMU applies it to every
 *   stage-1 address): switched below whenever a guest starts or stops;
 * - ACTLR (implementation-defined, CPU-wide): trapped, HCR.TAC;
 * - ThumbEE's TEEHBR/TEECR and Jazelle's registers: trapped for every
 *   thread, HSTR (hyp_mode.c);
 * - the physical timer, which native threads own as a device: trapped for
 *   guests (CNTHCTL.PL1PCEN), its counter stays readable;
 * - the debug registers and the performance monitor: trapped for every
 *   thread (HDCR, thread.c);
 * - VFP/SIMD: trapped until the guest owns the unit (vfp.c);
 * - the GIC virtual CPU interface: GICH_HCR.En off while native threads run,
 *   and its frame maps only into guest VSpaces, where no native thread runs
 *   (frame.c, tcb.c): the loaded VCPU's list registers and VMCR stay
 *   loaded, but no native thread can reach them. */
#define SCTLR_NATIVE SCTLR_RESET
#define CNTKCTL_NATIVE (CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN | CNTKCTL_PL0PTEN)
#define CNTHCTL_NATIVE (CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN)
#define CNTHCTL_GUEST CNTHCTL_PL1PCTEN

/* The loaded VCPU's guest starts running after native threads. */
static void enter_guest(struct arch_vcpu *v)
{
	const uint32_t *r = v->regs;
	sysreg_write32(HCR, HCR_GUEST | HCR_TWI);
	vcpu_gich->hcr = v->gich_hcr | GICH_HCR_EN;
	LOAD32(TPIDRURO, L4_VCPU_TPIDRURO);
	LOAD32(TPIDRURW, L4_VCPU_TPIDRURW);
	LOAD32(SCTLR, L4_VCPU_SCTLR);
	LOAD32(CNTKCTL, L4_VCPU_CNTKCTL);
	sysreg_write32(FCSEIDR, v->fcseidr);
	sysreg_write32(CNTHCTL, CNTHCTL_GUEST);
	vcpu_guest_active = true;
}

/* Native threads run next: what they could see or change of the loaded
 * guest is saved and set to the native threads' values. */
static void leave_guest(struct arch_vcpu *v)
{
	uint32_t *r = v->regs;
	v->gich_hcr = vcpu_gich->hcr & ~GICH_HCR_EN;
	vcpu_gich->hcr = 0;
	SAVE32(TPIDRURO, L4_VCPU_TPIDRURO);
	SAVE32(TPIDRURW, L4_VCPU_TPIDRURW);
	SAVE32(SCTLR, L4_VCPU_SCTLR);
	SAVE32(CNTKCTL, L4_VCPU_CNTKCTL);
	v->fcseidr = sysreg_read32(FCSEIDR);
	sysreg_write32(TPIDRURW, 0); /* native threads share one, never a guest's */
	sysreg_write32(SCTLR, SCTLR_NATIVE);
	sysreg_write32(CNTKCTL, CNTKCTL_NATIVE);
	sysreg_write32(FCSEIDR, 0);
	sysreg_write32(CNTHCTL, CNTHCTL_NATIVE);
	sysreg_write32(HCR, HCR_NATIVE);
	vfp_switch_to(NULL);
	vcpu_guest_active = false;
}

void arch_vcpu_switch_to(struct arch_vcpu *v, struct arch_context *c)
{
	if (!v) {
		if (vcpu_guest_active)
			leave_guest(vcpu_loaded);
		sysreg_write32(TPIDRURO, c->tls);
		return;
	}
	if (vcpu_loaded != v) {
		if (vcpu_loaded)
			arch_vcpu_sync(vcpu_loaded);
		load_state(v);
		vcpu_loaded = v;
	}
	if (!vcpu_guest_active)
		enter_guest(v);
	vfp_switch_to(v);
}

void arch_vcpu_sync(struct arch_vcpu *v)
{
	if (v != vcpu_loaded)
		return;
	save_state(v);
	if (vcpu_guest_active)
		leave_guest(v);
	vcpu_loaded = NULL;
}

void arch_vcpu_destroy(struct arch_vcpu *v)
{
	arch_vcpu_sync(v);
	vtimer_unwatch(v);
	vfp_forget(v);
}

uint32_t arch_vcpu_read_register(const struct arch_vcpu *v, unsigned reg)
{
	return reg < L4_VCPU_REGISTER_COUNT ? v->regs[reg] : 0;
}

void arch_vcpu_write_register(struct arch_vcpu *v, unsigned reg, uint32_t value)
{
	if (reg >= L4_VCPU_REGISTER_COUNT)
		return;
	v->regs[reg] = value;
	bool timer_register = reg == L4_VCPU_CNTV_CTL || reg == L4_VCPU_CNTV_CVAL_LO ||
			      reg == L4_VCPU_CNTV_CVAL_HI;
	if (timer_register && v != vcpu_loaded) {
		vtimer_unwatch(v); /* watched again as the new value says */
		vtimer_watch(v);
	}
}

bool arch_vcpu_valid_cpsr(uint32_t cpsr)
{
	switch (cpsr & PSR_MODE_MASK) {
	case PSR_MODE_USR:
	case PSR_MODE_FIQ:
	case PSR_MODE_IRQ:
	case PSR_MODE_SVC:
	case PSR_MODE_ABT:
	case PSR_MODE_UND:
	case PSR_MODE_SYS:
		return true;
	default:
		return false; /* HYP, Monitor and the reserved encodings */
	}
}

const char *arch_vcpu_hw_init(const struct hw_desc *hw)
{
	vfp_hw_init(); /* native threads never get the VFP, guests or not */
	const char *err = vgic_init(hw);
	if (!err)
		err = vtimer_init(hw);
	return err;
}

bool vcpu_guest_running(void)
{
	return vcpu_guest_active;
}

bool arch_vcpu_supported(void)
{
	return vcpu_gich != NULL;
}
