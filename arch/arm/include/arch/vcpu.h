/* SPDX-License-Identifier: MIT */
/* A virtual CPU. On the ARMv7 virtualization extensions (HYP): the guest state the
 * TCB's registers do not hold (PL1 system registers, banked registers of
 * the guest's privileged modes, virtual timer, vGIC list registers), its
 * switch, and the decoding of guest exits.
 *
 * The state is switched lazily: the hardware keeps the last VCPU that ran
 * ("loaded") while native threads run, since those never use PL1 state;
 * it is saved only when another VCPU runs or the state is read or written
 * through the VCPU's cap. The VFP registers move later still, when a guest
 * that does not have them uses them (vcpu/vfp.c). On SVC (Cortex-A9) the
 * guest is paravirtualized and deprivileged (docs/pv-vcpu.md): the
 * struct differs, the hooks are the same. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <arch/thread.h>
#include <l4/abi.h>
#include <tern/hwdesc.h>

#define ARCH_VCPU_MAX_LIST_REGISTERS 16
#define ARCH_VCPU_MAX_VIRQ 1020
/* SVC mode, asynchronous aborts, IRQ and FIQ masked: as out of reset */
#define ARCH_VCPU_RESET_CPSR 0x1d3u

#ifdef CONFIG_ARM_SVC
struct vspace_object;
/* The deprivileged VCPU (docs/pv-vcpu.md): the guest runs in USR mode,
 * its kernel included; the virtual mode is the thread context's vmode,
 * the virtual interrupt mask the shared state page's (arch/arm/svc/vcpu/).
 * The virtual system registers are recorded here; with the guest's MMU
 * off its VSpace is the hardware address space, with it on the guest runs
 * in shadow tables kept in the rest of the VCPU object (svc/vcpu/shadow.c). */
struct arch_vcpu {
	uint32_t regs[L4_VCPU_REGISTER_COUNT]; /* by enum l4_vcpu_register */
	/* the state page: guest-physical address in the thread's VSpace and
	 * the frame the VMM gave (0: none) */
	uint32_t state_gpa;
	uintptr_t state_frame;
	/* virtual interrupts: injected and not yet taken, taken and not yet
	 * ended (HC_IRQ_EOI), lines the VMM raised and has not acknowledged */
	uint32_t pending[(ARCH_VCPU_MAX_VIRQ + 31) / 32];
	uint32_t active[(ARCH_VCPU_MAX_VIRQ + 31) / 32];
	uint32_t level_high[(ARCH_VCPU_MAX_VIRQ + 31) / 32];
	uint32_t pending_count;
	bool wfi_exits;          /* HC_WFI goes to the VMM (L4_VCPU_TRAP_WFI) */
	uint32_t stop_pending;   /* the upcall a VMM's reply could not deliver (frame
				  * busy): the VCPU stops at the return; 0 none */
	/* the paravirtual timer (HC_TIMER_SET), watched by the kernel's
	 * wakeup deadline while armed */
	struct arch_vcpu *timer_next;
	uint64_t timer_deadline;
	bool timer_watched;
	/* counters for VCPU_Stats (vfp_switches stays 0: no VFP for guests yet) */
	uint32_t exits, wfi_blocks, timer_irqs, injected, vfp_switches;
	/* the guest VSpace the shadow tables were filled from (the p2m; NULL:
	 * none yet), and the next VCPU filled from it (svc/vcpu/shadow.c) */
	struct vspace_object *shadow_p2m;
	struct arch_vcpu *p2m_next;
};

/* VCPU_SetStatePage: page is the frame's kernel address, guest_address
 * where the guest's VSpace maps it. Returns an enum l4_error. */
int arch_vcpu_set_state_page(struct arch_vcpu *v, uintptr_t page, uint32_t guest_address);
#define ARCH_VCPU_HAS_STATE_PAGE 1
/* A thread just bound to a VCPU starts as a CPU leaves reset: in guest
 * kernel mode (the hardware's is USR, with F set, the mark of a guest:
 * arch/arm/pv/vcpu_pure.h), its kernel's view (DACR). */
static inline void arch_vcpu_context_reset(struct arch_context *c)
{
	c->cpsr = 0x50u;  /* USR, F */
	c->vmode = 0x13u; /* SVC */
	c->dacr = 0x15u;
}
/* the boot banner's word on guests */
#define ARCH_VCPU_KIND "guests are paravirtualized, deprivileged in USR mode"

#else
/* A guest's VFP/Advanced SIMD registers while another VCPU has the unit. */
struct arch_vfp {
	uint64_t d[32];
	uint32_t fpscr, fpexc;
};

struct arch_vcpu {
	uint32_t regs[L4_VCPU_REGISTER_COUNT]; /* saved guest state, by enum l4_vcpu_register */
	struct arch_vfp vfp;
	uint32_t gich_vmcr, gich_apr, gich_hcr;
	uint32_t lr[ARCH_VCPU_MAX_LIST_REGISTERS];
	/* injected interrupts waiting for a free list register */
	uint32_t queued[(ARCH_VCPU_MAX_VIRQ + 31) / 32];
	uint32_t queued_count;
	/* level-sensitive lines the VMM raised and has not acknowledged */
	uint32_t level_high[(ARCH_VCPU_MAX_VIRQ + 31) / 32];
	uint32_t fcseidr;        /* see vcpu/switch.c: not part of the VMM's view */
	bool wfi_exits;          /* WFI goes to the VMM (L4_VCPU_TRAP_WFI) */
	/* not loaded with its virtual timer armed: the kernel's timer wakes the
	 * kernel at its deadline (vcpu/vtimer.c) */
	struct arch_vcpu *timer_next;
	uint64_t timer_deadline;  /* on the physical counter */
	bool timer_watched;
	/* counters for VCPU_Stats */
	uint32_t exits, wfi_blocks, timer_irqs, injected, vfp_switches;
};

/* the A15's guests have no state page: VCPU_SetStatePage is refused */
#define ARCH_VCPU_HAS_STATE_PAGE 0
/* A thread just bound to a VCPU starts as a CPU leaves reset. */
static inline void arch_vcpu_context_reset(struct arch_context *c)
{
	c->cpsr = ARCH_VCPU_RESET_CPSR;
}
#define ARCH_VCPU_KIND "guests run on the virtualization extensions"
static inline int arch_vcpu_set_state_page(struct arch_vcpu *v, uintptr_t page,
					   uint32_t guest_address)
{
	return L4_ILLEGAL_OPERATION;
}
#endif

/* Sets up the virtualization hardware at boot (list registers, the virtual
 * timer and maintenance interrupts). Returns NULL or a message; without it
 * VCPUs cannot run. */
const char *arch_vcpu_hw_init(const struct hw_desc *hw);
bool arch_vcpu_supported(void);
/* Does [paddr, paddr + size) reach the GIC's virtual CPU interface? It
 * shows the loaded VCPU's interrupt state, whichever guest that is, so it
 * is mapped only into guest VSpaces. */
bool arch_vcpu_interface_overlaps(paddr_t paddr, uint64_t size);

/* A new VCPU's reset state: MMU off, no interrupts. */
void arch_vcpu_init(struct arch_vcpu *v);
/* Forgets the VCPU (its object is going away). */
void arch_vcpu_destroy(struct arch_vcpu *v);
/* Brings v's state into memory so that it can be read or changed there;
 * the next run of v loads it again. */
void arch_vcpu_sync(struct arch_vcpu *v);
/* Register access through the VCPU cap (after arch_vcpu_sync). */
uint32_t arch_vcpu_read_register(const struct arch_vcpu *v, unsigned reg);
void arch_vcpu_write_register(struct arch_vcpu *v, unsigned reg, uint32_t value);

/* Makes virtual interrupt virq pending for v; a level-sensitive one stays
 * raised (pending again after each EOI) until arch_vcpu_ack. */
void arch_vcpu_inject(struct arch_vcpu *v, unsigned virq, unsigned priority, bool level);
/* The level-sensitive line virq is low: not raised again, and withdrawn
 * if the guest has not taken it. */
void arch_vcpu_ack(struct arch_vcpu *v, unsigned virq);
/* An interrupt is pending for v (what ends a WFI). */
bool arch_vcpu_interrupt_pending(const struct arch_vcpu *v);

/* Switches the hardware to run a thread: v is its VCPU, or NULL for a
 * native thread (called by arch_return_to_user). */
void arch_vcpu_switch_to(struct arch_vcpu *v, struct arch_context *c);

/* Applies a VMM's reply (MR0 actions L4_VM_REPLY_*, MR1/MR2 values) to
 * the exit `exit` (the message the VMM got) of the guest. */
void arch_vcpu_apply_reply(struct arch_vcpu *v, struct arch_context *c, const uint32_t *exit,
			   const uint32_t *mr, unsigned length);
/* The CPSR bits a VMM may set for a guest; false for a mode a guest cannot
 * be in. */
bool arch_vcpu_valid_cpsr(uint32_t cpsr);

#endif
