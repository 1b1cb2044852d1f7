// SPDX-License-Identifier: MIT
/* Lazy VFP/Advanced SIMD switching. The VFP registers belong to one VCPU at
 * a time, the owner; every other thread runs with CP10/CP11 trapped to HYP
 * (HCPTR.TCP10/TCP11). A guest's first VFP access after another VCPU used
 * the unit traps (EC 0x07): its state replaces the owner's and the
 * instruction runs again. Native threads are built soft-float and never
 * get the unit: their VFP instructions trap and are undefined instructions
 * (which also keeps a guest's registers from them). With one guest, the
 * VFP never moves after its first use. */
#include <arch/sysreg.h>
#include "../../arch_private.h"
#include "vcpu_private.h"

#define HCPTR_TCP10 BIT(10)
#define HCPTR_TCP11 BIT(11)
#define HCPTR_VFP_TRAPS (HCPTR_TCP10 | HCPTR_TCP11)
#define FPEXC_EN BIT(30)
#define MVFR0_SIMD_REGISTERS GENMASK(3, 0) /* 2: thirty-two 64-bit registers */

static struct arch_vcpu *vfp_owner;
static bool vfp_trapped;
static bool vfp_32_registers; /* D16-D31 exist (MVFR0) */

static void set_vfp_traps(bool trap)
{
	if (trap == vfp_trapped)
		return;
	uint32_t hcptr = sysreg_read32(HCPTR);
	sysreg_write32(HCPTR, trap ? hcptr | HCPTR_VFP_TRAPS : hcptr & ~HCPTR_VFP_TRAPS);
	isb();
	vfp_trapped = trap;
}

/* The unit's registers to and from memory. HYP must be untrapped, and
 * FPEXC.EN set for the data registers: the guest's own FPEXC (it turns EN
 * off for its own lazy switching) is saved first and restored last. */
static void save_vfp(struct arch_vfp *s)
{
	uint32_t *d = (uint32_t *)s->d;
	__asm__ volatile(".fpu neon-vfpv4\n\t"
			 "vmrs %0, fpexc\n\t"
			 "orr r12, %0, %3\n\t"
			 "vmsr fpexc, r12\n\t"
			 "vmrs %1, fpscr\n\t"
			 "vstmia %2!, {d0-d15}\n\t"
			 "cmp %4, #2\n\t"
			 "vstmiaeq %2!, {d16-d31}"
			 : "=&r"(s->fpexc), "=&r"(s->fpscr), "+r"(d)
			 : "r"(FPEXC_EN), "r"(vfp_32_registers ? 2 : 0)
			 : "r12", "cc", "memory");
}

static void load_vfp(const struct arch_vfp *s)
{
	const uint32_t *d = (const uint32_t *)s->d;
	__asm__ volatile(".fpu neon-vfpv4\n\t"
			 "vmsr fpexc, %3\n\t"
			 "vldmia %0!, {d0-d15}\n\t"
			 "cmp %4, #2\n\t"
			 "vldmiaeq %0!, {d16-d31}\n\t"
			 "vmsr fpscr, %1\n\t"
			 "vmsr fpexc, %2"
			 : "+r"(d)
			 : "r"(s->fpscr), "r"(s->fpexc), "r"(FPEXC_EN), "r"(vfp_32_registers ? 2 : 0)
			 : "cc", "memory");
}

void vfp_switch_to(struct arch_vcpu *v)
{
	set_vfp_traps(!v || v != vfp_owner);
}

void vfp_take(struct arch_vcpu *v)
{
	set_vfp_traps(false);
	if (vfp_owner)
		save_vfp(&vfp_owner->vfp);
	load_vfp(&v->vfp);
	vfp_owner = v;
	v->vfp_switches++;
}

void vfp_forget(struct arch_vcpu *v)
{
	if (vfp_owner == v)
		vfp_owner = NULL;
}

void vfp_hw_init(void)
{
	uint32_t mvfr0;
	vfp_trapped = true;
	set_vfp_traps(false);
	__asm__ volatile(".fpu neon-vfpv4\n\tvmrs %0, mvfr0" : "=r"(mvfr0));
	vfp_32_registers = FIELD_GET(MVFR0_SIMD_REGISTERS, mvfr0) == 2;
	set_vfp_traps(true);
}
