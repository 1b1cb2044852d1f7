/* SPDX-License-Identifier: MIT */
/* The paravirtual CPU of the SVC kernel (Cortex-A9, no virtualization
 * extensions): the shared state page, the upcall reasons and the
 * hypercall numbers, shared by the kernel and paravirtualized guests
 * (docs/pv-vcpu.md, sections 3, 4 and 6). Freestanding: 32-bit words are
 * unsigned int, as in abi.h. */
#ifndef L4_PV_H
#define L4_PV_H

#define PV_STATE_MAGIC 0x31565054u /* "TPV1" */

/* The state page (a 4 KiB frame of the guest's, VCPU_SetStatePage). The
 * guest may write any field at any time: the kernel checks each one when
 * it uses it. */
struct pv_frame {
	unsigned int r[13];
	unsigned int sp, lr, pc;
	unsigned int cpsr; /* the virtual CPSR: mode USR (guest user) or SVC (guest kernel) */
};

struct pv_state {
	unsigned int magic;          /* 0x000 kernel: PV_STATE_MAGIC */
	unsigned int irq_masked;     /* 0x004 guest: bit 0, virtual IRQs masked */
	unsigned int irq_pending;    /* 0x008 kernel: bit 0, an interrupt waits for the mask */
	unsigned int mode;           /* 0x00c kernel: PV_MODE_* (informational) */
	unsigned int entry;          /* 0x010 guest: the upcall entry (guest VA, ARM state) */
	unsigned int kernel_sp;      /* 0x014 the guest kernel's sp for upcalls from guest user */
	unsigned int frame_busy;     /* 0x018 1 from an upcall until the guest saved the frame */
	unsigned int reserved0;      /* 0x01c */
	unsigned int reason;         /* 0x020 the last upcall's r0 */
	unsigned int fault_address;  /* 0x024 */
	unsigned int fault_status;   /* 0x028 short-descriptor DFSR/IFSR format */
	unsigned int irq_id;         /* 0x02c */
	unsigned int reserved1[4];   /* 0x030 */
	struct pv_frame frame;   /* 0x040 */
	unsigned int reserved2;      /* 0x084 */
	unsigned int time[4];        /* 0x088 proposed: the paravirtual clock (not written yet) */
};

#define PV_MODE_KERNEL 0u
#define PV_MODE_USER 1u

/* Upcall reasons (r0), with PV_UPCALL_FROM_USER when guest user was
 * interrupted. */
enum pv_upcall {
	PV_UPCALL_SYSCALL = 1,        /* r1, r2: 0 */
	PV_UPCALL_UNDEF = 2,          /* r1, r2: 0 */
	PV_UPCALL_PREFETCH_ABORT = 3, /* r1 IFAR, r2 IFSR */
	PV_UPCALL_DATA_ABORT = 4,     /* r1 DFAR, r2 DFSR */
	PV_UPCALL_IRQ = 5,            /* r1 the interrupt, acknowledged */
};
#define PV_UPCALL_FROM_USER 0x100u

/* Hypercalls: SVC #0 from guest-kernel mode, the number in r12, arguments
 * in r0-r3, the result in r0 (0 or an enum l4_error); r1-r3 and r12 are
 * clobbered. */
enum pv_hypercall {
	HC_RETURN = 0x00,     /* to the state page's frame; does not return */
	HC_IRQ_SYNC = 0x01,   /* take a pending virtual interrupt now */
	HC_IRQ_EOI = 0x02,    /* r0 interrupt ID */
	HC_SET_TTBR = 0x03,   /* r0 TTBR0, r1 CONTEXTIDR: switch guest address space */
	HC_TLB = 0x04,        /* r0 op (0 all, 1 ASID r2, 2 MVA r1 + ASID r2, 3 MVA r1
	                       * all ASIDs), r3 pages (<= 64; more: L4_RANGE_ERROR, r1 done) */
	HC_CACHE = 0x05,      /* r0 op (0 clean D, 1 clean+invalidate D, 2 invalidate I,
	                       * 3 code written), r1 VA, r2 bytes (<= 64 KiB, as HC_TLB) */
	HC_WFI = 0x06,        /* wait for a virtual interrupt */
	HC_SET_TLS = 0x07,    /* r0: TPIDRURO */
	HC_SET_SYSREG = 0x08, /* r0 enum l4_vcpu_register, r1 value */
	HC_GET_SYSREG = 0x09, /* r0 enum l4_vcpu_register; r1 = the value */
	HC_TIMER_SET = 0x0a,  /* r0 low, r1 high: deadline in global-timer ticks, 0 off */
	HC_TIME_GET = 0x0b,   /* r0 low, r1 high: the global timer's count */
	HC_VMM_CALL = 0x100,  /* an exit as the A15's HVC #0: MR2-MR5 = r0-r3 */
};

/* The paravirtual timer's virtual interrupt (the A15's virtual timer PPI). */
#define PV_TIMER_VIRQ 27u

#endif
