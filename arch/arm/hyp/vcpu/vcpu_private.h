/* SPDX-License-Identifier: MIT */
/* State shared by the VCPU files of arch/arm/hyp/vcpu. */
#ifndef ARCH_ARM_VCPU_PRIVATE_H
#define ARCH_ARM_VCPU_PRIVATE_H

#include <arch/vcpu.h>
#include "../../gic/gicv2.h"

/* The VCPU whose state the hardware holds, or NULL. */
extern struct arch_vcpu *vcpu_loaded;
/* The loaded VCPU is the one running (HCR set for a guest). */
extern bool vcpu_guest_active;
extern volatile struct gich_regs *vcpu_gich;
extern unsigned vcpu_list_registers;

#define GICH_HCR_EN BIT(0)
#define GICH_HCR_UIE BIT(1)   /* maintenance interrupt when list registers run low */
#define GICH_LR_VIRTUAL_ID GENMASK(9, 0)
#define GICH_LR_PRIORITY GENMASK(27, 23)
#define GICH_LR_STATE GENMASK(29, 28)
#define GICH_LR_EOI BIT(19)   /* maintenance interrupt when the guest ends it */
#define GICH_LR_PENDING 1u
#define GICH_LR_ACTIVE 2u

/* vgic.c: list registers to and from memory, refills from the queue. */
void vgic_save(struct arch_vcpu *v);
void vgic_load(struct arch_vcpu *v);
void vgic_refill(struct arch_vcpu *v);
const char *vgic_init(const struct hw_desc *hw);
/* vfp.c: the VFP unit's owner, switched on a guest's trapped first use. */
void vfp_hw_init(void);
/* Traps CP10/CP11 unless v owns the unit; always for NULL (native threads,
 * which arch_return_to_user then switches to without calling here). */
void vfp_switch_to(struct arch_vcpu *v);
/* Gives v the unit (its trapped VFP access is then retried). */
void vfp_take(struct arch_vcpu *v);
void vfp_forget(struct arch_vcpu *v);
/* vtimer.c */
const char *vtimer_init(const struct hw_desc *hw);
/* While v's state is not in the hardware, its armed virtual timer is
 * watched by the kernel's timer, which fires it at its deadline: watch (if
 * armed) when the state leaves, unwatch when it comes back or v goes away;
 * both again when the VMM changes the timer of an unloaded v. */
void vtimer_watch(struct arch_vcpu *v);
void vtimer_unwatch(struct arch_vcpu *v);

#endif
