// SPDX-License-Identifier: MIT
/* The deprivileged VCPU of the SVC kernel (docs/pv-vcpu.md), with the
 * guest's MMU off: a small guest, run in USR with its kernel's virtual
 * mode, takes an upcall for each kind of event and returns with HC_RETURN,
 * makes MMIO accesses of each width that exit to a 'VMM' thread with the
 * syndrome the A15 would give, calls its VMM, and tries to escape. The VMM
 * thread answers by a fixed plan and records every exit; the test then
 * checks the whole sequence. Built only on SVC. */
#include "harness.h"
#include <l4/pv.h>

#ifdef CONFIG_ARM_SVC

#define GUEST_CODE 0x40000000u  /* guest-physical = virtual: its MMU is off */
#define GUEST_STATE 0x40001000u /* the shared state page */
#define GUEST_RO 0x40002000u    /* a page mapped read-only */
#define GUEST_SP 0x40004000u    /* top of a stack page */
#define GUEST_MMIO 0x50000000u  /* nothing mapped: MMIO */
#define STAGING (WINDOW + 0x100000u)
#define LOADED 0x12348081u      /* what the VMM gives every MMIO load */
#define STORED 0xdeadbeefu
#define SET_R0 0x1234u          /* what the VMM's reply to call 7 puts in r0 */
#define VIRQ_MASKED 40u
#define VIRQ_UNMASKED 41u
#define MAX_EXITS 40
#define WAIT_YIELDS 4000

/* The guest's code, ARM state, position-independent. `call` is
 * HC_VMM_CALL, its report to the VMM thread: r0 a step, r1-r3 values. The
 * upcall entry reports (0x80, reason, r1, r2), clears frame_busy, ends an
 * interrupt, skips an undefined or aborted instruction and returns with
 * HC_RETURN; a system call from guest user continues at pv_after_user. */
__asm__(".pushsection .rodata.pv_guest, \"a\"\n"
	".balign 4\n"
	".arch_extension sec\n"
	".arm\n"
	".macro call\n"
	"	movw	r12, #0x100\n"
	"	svc	#0\n"
	".endm\n"
	".macro hypercall n\n"
	"	movw	r12, #\\n\n"
	"	svc	#0\n"
	".endm\n"
	"pv_guest_code:\n"
	/* r0 the state page, r1 the MMIO window, r2 the read-only page */
	"	mov	r10, r0\n"
	"	mov	r11, r1\n"
	"	mov	r9, r2\n"
	"	adr	r4, pv_upcall\n"
	"	str	r4, [r10, #0x10]\n"        /* entry */
	/* 1: an unknown hypercall */
	"	hypercall 0x55\n"
	"	mov	r2, r1\n"
	"	mov	r1, r0\n"
	"	mov	r0, #1\n"
	"	call\n"
	/* 2: SVC #1, an L4 Call's immediate: a hypercall all the same */
	"	movw	r12, #0x77\n"
	"	svc	#1\n"
	"	mov	r2, r1\n"
	"	mov	r1, r0\n"
	"	mov	r0, #2\n"
	"	call\n"
	/* 3: a privileged instruction the kernel does not emulate (VMSR
	 * FPEXC: A9 guests have no VFP): the guest kernel runs in USR, so it
	 * is undefined: an upcall */
	"	.word	0xeee80a10\n"             /* vmsr fpexc, r0 */
	"	mov	r0, #3\n"
	"	call\n"
	/* 4: a write to the read-only page: a data abort upcall */
	"	str	r0, [r9]\n"
	"	mov	r0, #4\n"
	"	call\n"
	/* 5, 6: MMIO loads of each width */
	"	ldr	r4, [r11]\n"
	"	ldrh	r5, [r11, #2]\n"
	"	ldrsh	r6, [r11, #4]\n"
	"	ldrb	r7, [r11, #1]\n"
	"	ldrsb	r8, [r11, #3]\n"
	"	mov	r0, #5\n"
	"	mov	r1, r4\n"
	"	mov	r2, r5\n"
	"	mov	r3, r6\n"
	"	call\n"
	"	mov	r0, #6\n"
	"	mov	r1, r7\n"
	"	mov	r2, r8\n"
	"	call\n"
	/* MMIO stores of each width */
	"	movw	r4, #0xbeef\n"
	"	movt	r4, #0xdead\n"
	"	str	r4, [r11, #8]\n"
	"	strh	r4, [r11, #10]\n"
	"	strb	r4, [r11, #12]\n"
	/* 7, 8: the VMM's reply sets r0 */
	"	mov	r0, #7\n"
	"	call\n"
	"	mov	r1, r0\n"
	"	mov	r0, #8\n"
	"	call\n"
	/* 9: masked (as the state page starts): the VMM injects an interrupt
	 * while it handles this call; 10: it is pending, not delivered */
	"	mov	r0, #9\n"
	"	call\n"
	"	ldr	r1, [r10, #8]\n"           /* irq_pending */
	"	mov	r0, #10\n"
	"	call\n"
	"	mov	r4, #0\n"
	"	str	r4, [r10, #4]\n"           /* unmask */
	"	hypercall 1\n"                   /* HC_IRQ_SYNC: the upcall */
	"	mov	r0, #11\n"
	"	call\n"
	/* 12: unmasked: the interrupt the VMM injects comes at once */
	"	mov	r0, #12\n"
	"	call\n"
	"	mov	r0, #13\n"
	"	call\n"
	/* guest user: its system call is the guest kernel's upcall */
	"	mov	r4, #1\n"
	"	str	r4, [r10, #4]\n"
	"	adr	r4, pv_user\n"
	"	str	r4, [r10, #0x7c]\n"        /* frame.pc */
	"	mov	r4, #0x10\n"
	"	str	r4, [r10, #0x80]\n"        /* frame.cpsr: USR */
	"	hypercall 0\n"                   /* HC_RETURN */
	"	b	.\n"
	"pv_user:\n"
	"	svc	#0\n"
	"	b	.\n"
	"pv_after_user:\n"
	/* 14: back in guest kernel on the stack HC_RETURN left */
	"	mov	r1, sp\n"
	"	mov	r0, #14\n"
	"	call\n"
	/* 15: frames naming SYS, Monitor or HYP mode are refused */
	"	mov	r4, #0x1f\n"
	"	str	r4, [r10, #0x80]\n"
	"	hypercall 0\n"
	"	mov	r5, r0\n"
	"	mov	r4, #0x16\n"
	"	str	r4, [r10, #0x80]\n"
	"	hypercall 0\n"
	"	mov	r6, r0\n"
	"	mov	r4, #0x1a\n"
	"	str	r4, [r10, #0x80]\n"
	"	hypercall 0\n"
	"	mov	r3, r0\n"
	"	mov	r1, r5\n"
	"	mov	r2, r6\n"
	"	mov	r0, #15\n"
	"	call\n"
	/* 16: a frame naming SVC with A, I and F set runs in USR all the same:
	 * the privileged instruction is undefined again */
	"	adr	r4, pv_privileged\n"
	"	str	r4, [r10, #0x7c]\n"
	"	movw	r4, #0x1d3\n"
	"	str	r4, [r10, #0x80]\n"
	"	hypercall 0\n"
	"	b	.\n"
	"pv_privileged:\n"
	"	.word	0xeee80a10\n"             /* vmsr fpexc, r0 */
	"	ldr	r1, [r10, #4]\n"           /* irq_masked, from the frame's I */
	"	mov	r0, #16\n"
	"	call\n"
	/* an undefined instruction while the frame is busy: the VCPU stops */
	"	mov	r4, #1\n"
	"	str	r4, [r10, #0x18]\n"
	"	.word	0xeee80a10\n"             /* vmsr fpexc, r0 */
	"	b	.\n"
	"pv_upcall:\n"
	"	mov	r6, r0\n"
	"	mov	r7, r1\n"
	"	mov	r8, r2\n"
	"	ldr	r5, [r10, #0x7c]\n"        /* frame.pc */
	"	mov	r4, #0\n"
	"	str	r4, [r10, #0x18]\n"        /* frame_busy: the frame is ours */
	"	mov	r0, #0x80\n"
	"	mov	r1, r6\n"
	"	mov	r2, r7\n"
	"	mov	r3, r8\n"
	"	call\n"
	"	tst	r6, #0x100\n"
	"	bne	pv_after_user\n"
	"	and	r4, r6, #0xff\n"
	"	cmp	r4, #5\n"
	"	bne	1f\n"
	"	mov	r0, r7\n"
	"	hypercall 2\n"                   /* HC_IRQ_EOI */
	"	b	2f\n"
	"1:	cmp	r4, #1\n"
	"	addne	r5, r5, #4\n"              /* past the faulting instruction */
	"	strne	r5, [r10, #0x7c]\n"
	"2:	hypercall 0\n"                   /* HC_RETURN */
	"	mov	r1, r0\n"
	"	mov	r0, #0xee\n"
	"	call\n"
	"	b	.\n"
	/* The second guest: r0 the state page, r1 the MMIO window, r2 timer
	 * ticks to wait. System registers, TLS, a hypercall not implemented,
	 * an MMIO access without a syndrome that the VMM aborts, the
	 * paravirtual timer ending an HC_WFI, a level-sensitive interrupt
	 * raised again until acknowledged, HC_WFI exiting when trapped. */
	"pv_guest2:\n"
	"	mov	r10, r0\n"
	"	mov	r11, r1\n"
	"	adr	r4, pv_upcall\n"
	"	str	r4, [r10, #0x10]\n"
	"	mov	r0, #21\n"                /* L4_VCPU_VBAR */
	"	movw	r1, #0x4321\n"
	"	hypercall 8\n"                  /* HC_SET_SYSREG */
	"	mov	r5, r0\n"
	"	mov	r0, #21\n"
	"	hypercall 9\n"                  /* HC_GET_SYSREG */
	"	mov	r6, r1\n"
	"	mov	r0, #7\n"                 /* TTBCR */
	"	mov	r1, #0x80000000\n"        /* EAE: long descriptors, refused */
	"	hypercall 8\n"
	"	mov	r3, r0\n"
	"	mov	r1, r5\n"
	"	mov	r2, r6\n"
	"	mov	r0, #1\n"
	"	call\n"
	"	movw	r0, #0xabcd\n"
	"	hypercall 7\n"                  /* HC_SET_TLS */
	"	mrc	p15, 0, r1, c13, c0, 3\n"   /* TPIDRURO, readable in USR */
	"	mov	r0, #2\n"
	"	call\n"
	"	hypercall 3\n"                  /* HC_SET_TTBR: recorded, the MMU off */
	"	mov	r1, r0\n"
	"	mov	r0, #3\n"
	"	call\n"
	"	ldr	r4, [r11], #4\n"          /* writeback: no syndrome */
	"	mov	r0, #4\n"
	"	call\n"
	"	hypercall 0xb\n"                /* HC_TIME_GET */
	"	adds	r0, r0, r2\n"
	"	adc	r1, r1, #0\n"
	"	hypercall 0xa\n"                /* HC_TIMER_SET */
	"	mov	r4, #0\n"
	"	str	r4, [r10, #4]\n"          /* unmask */
	"	hypercall 6\n"                  /* HC_WFI: until the timer */
	"	mov	r0, #5\n"
	"	call\n"
	"	mov	r0, #6\n"
	"	call\n"                         /* the VMM raises a level line */
	"	mov	r0, #7\n"
	"	call\n"                         /* the VMM traps WFI */
	"	hypercall 6\n"                  /* an exit */
	"	mov	r0, #8\n"
	"	call\n"                         /* the VMM lets WFI block again */
	"	mov	r4, #1\n"
	"	str	r4, [r10, #4]\n"
	"	hypercall 6\n"                  /* masked, nothing pending: for good */
	"	b	.\n"
	/* The third guest: coprocessor instructions run unpatched by the
	 * guest kernel (trap_cp.c): r0 the state page. */
	"pv_guest3:\n"
	"	mov	r10, r0\n"
	"	adr	r4, pv_upcall\n"
	"	str	r4, [r10, #0x10]\n"
	/* 1: TPIDRPRW written and read back: emulated, no upcall, no exit */
	"	movw	r0, #0x5a5a\n"
	"	mcr	p15, 0, r0, c13, c0, 4\n"
	"	mov	r1, #0\n"
	"	mrc	p15, 0, r1, c13, c0, 4\n"
	"	mov	r0, #1\n"
	"	call\n"
	/* 2: SCTLR by MRC is HC_GET_SYSREG's */
	"	mrc	p15, 0, r5, c1, c0, 0\n"
	"	mov	r0, #0\n"                /* L4_VCPU_SCTLR */
	"	hypercall 9\n"
	"	mov	r2, r1\n"
	"	mov	r1, r5\n"
	"	mov	r0, #2\n"
	"	call\n"
	/* MIDR, a PMCR write, SMC: the VMM's, in the A15's layout */
	"	mrc	p15, 0, r6, c0, c0, 0\n"
	"	mov	r7, #7\n"
	"	mcr	p15, 0, r7, c9, c12, 0\n"
	"	mov	r0, #0x84000000\n"       /* PSCI_VERSION */
	"	smc	#0\n"
	"	mov	r2, r0\n"
	"	mov	r1, r6\n"
	"	mov	r0, #3\n"
	"	call\n"
	/* 4: TLB, cache and barrier operations: done, nothing to see */
	"	mcr	p15, 0, r0, c8, c7, 0\n"   /* TLBIALL */
	"	mcr	p15, 0, r0, c7, c5, 0\n"   /* ICIALLU */
	"	mov	r0, r10\n"
	"	mcr	p15, 0, r0, c7, c14, 1\n"  /* DCCIMVAC */
	"	mcr	p15, 0, r0, c7, c6, 1\n"   /* DCIMVAC: cleaned too */
	"	mcr	p15, 0, r0, c8, c7, 1\n"   /* TLBIMVA */
	"	mov	r0, #0\n"
	"	mcr	p15, 0, r0, c7, c14, 2\n"  /* DCCISW, way 0 set 0 */
	"	mvn	r0, #0\n"
	"	mcr	p15, 0, r0, c7, c14, 2\n"  /* DCCISW naming no line: ignored */
	"	mcr	p15, 0, r0, c7, c10, 4\n"  /* CP15DSB */
	"	mov	r0, #4\n"
	"	call\n"
	/* 5: the same in Thumb */
	"	adr	r4, pv_guest3_thumb\n"
	"	orr	r4, r4, #1\n"
	"	mov	r1, #0\n"
	"	blx	r4\n"
	"	mov	r0, #5\n"
	"	call\n"
	/* a 64-bit TTBR0 (long descriptors): not offered, the VMM's */
	"	mov	r0, #0\n"
	"	mov	r1, #1\n"
	"	mcrr	p15, 0, r0, r1, c2\n"
	"	mov	r0, #6\n"
	"	call\n"
	"	b	.\n"
	".thumb\n"
	"pv_guest3_thumb:\n"
	"	mrc	p15, 0, r1, c13, c0, 4\n"
	"	bx	lr\n"
	".balign 4\n"
	".arm\n"
	"pv_guest_code_end:\n"
	".purgem call\n"
	".purgem hypercall\n"
	".popsection\n");
extern const char pv_guest_code[], pv_guest2[], pv_guest3[], pv_guest_code_end[];

struct pv_guest {
	l4_cptr_t vspace, pt, code, state, ro, stack, vcpu, tcb, ep;
	struct test_thread *vmm;
	volatile unsigned exits;
	unsigned label[MAX_EXITS], mr[MAX_EXITS][L4_VM_EXIT_LENGTH];
	unsigned level_irqs; /* the second guest's level interrupt taken */
};

/* Keeps the message as exit k; false when it is no exit (the stop's
 * fault) or the record is full: the VMM then ends. */
static int record_exit(struct pv_guest *g, const struct l4_msg *m, unsigned *k)
{
	*k = g->exits;
	g->label[*k] = l4_msginfo_label(m->info);
	for (unsigned i = 0; i < L4_VM_EXIT_LENGTH; i++)
		g->mr[*k][i] = m->mr[i];
	g->exits = *k + 1;
	return g->label[*k] == L4_FAULT_VM_EXIT && *k + 1 < MAX_EXITS;
}

/* The VMM's plan: MMIO loads get LOADED, stores are stepped over; call 7
 * gets SET_R0 in r0; while it handles calls 9 and 12 it injects an
 * interrupt. Anything but an exit (the stop's fault) ends it. */
static void pv_vmm(unsigned arg)
{
	struct pv_guest *g = (struct pv_guest *)arg;
	struct l4_msg m = msg(0, 0);
	l4_recv(g->ep, &m);
	for (;;) {
		unsigned k;
		if (!record_exit(g, &m, &k))
			return;
		unsigned hsr = g->mr[k][1], actions = 0, value = 0;
		if (L4_HSR_EC(hsr) == L4_EC_DATA_ABORT) {
			actions = L4_VM_REPLY_STEP;
			if (!L4_HSR_DABT_WRITE(hsr))
				actions |= L4_VM_REPLY_SET, value = LOADED;
		} else if (L4_HSR_EC(hsr) == L4_EC_HVC) {
			if (g->mr[k][2] == 7)
				actions = L4_VM_REPLY_SET, value = SET_R0;
			if (g->mr[k][2] == 9)
				l4_vcpu_inject_irq(g->vcpu, VIRQ_MASKED, 0xa0, 0);
			if (g->mr[k][2] == 12)
				l4_vcpu_inject_irq(g->vcpu, VIRQ_UNMASKED, 0xa0, 0);
		}
		m = msg(0, 2);
		m.mr[0] = actions;
		m.mr[1] = value;
		l4_reply_recv(g->ep, &m);
	}
}

#define VIRQ_LEVEL 50u
_Static_assert(L4_VCPU_VBAR == 21, "the second guest's HC_SET_SYSREG index");

/* The second guest's VMM: aborts the MMIO access, raises a level line at
 * call 6 and acknowledges it when the guest has taken it twice, traps WFI
 * at call 7 (stepping over the exit) and stops trapping it at call 8. */
static void pv_vmm2(unsigned arg)
{
	struct pv_guest *g = (struct pv_guest *)arg;
	struct l4_msg m = msg(0, 0);
	l4_recv(g->ep, &m);
	for (;;) {
		unsigned k;
		if (!record_exit(g, &m, &k))
			return;
		unsigned ec = L4_HSR_EC(g->mr[k][1]), r0 = g->mr[k][2], actions = 0;
		if (ec == L4_EC_DATA_ABORT)
			actions = L4_VM_REPLY_ABORT;
		if (ec == L4_EC_WFI_WFE)
			actions = L4_VM_REPLY_STEP;
		if (ec == L4_EC_HVC && r0 == 6)
			l4_vcpu_inject_irq(g->vcpu, VIRQ_LEVEL, 0xa0, L4_VCPU_IRQ_LEVEL);
		if (ec == L4_EC_HVC && r0 == 0x80 && g->mr[k][4] == VIRQ_LEVEL &&
		    ++g->level_irqs == 2)
			l4_vcpu_ack_irq(g->vcpu, VIRQ_LEVEL);
		if (ec == L4_EC_HVC && r0 == 7)
			l4_vcpu_set_traps(g->vcpu, L4_VCPU_TRAP_WFI);
		if (ec == L4_EC_HVC && r0 == 8)
			l4_vcpu_set_traps(g->vcpu, 0);
		m = msg(0, 1);
		m.mr[0] = actions;
		l4_reply_recv(g->ep, &m);
	}
}

#define MIDR_VALUE 0x410fc090u   /* what the third guest's VMM says MIDR is */
#define PSCI_VERSION_1_0 0x10000u

/* The third guest's VMM, as vmm/main.c answers the same exits: an MRC
 * gets MIDR_VALUE, an MCR or MCRR is ignored, SMC gets a PSCI version;
 * each is stepped over. */
static void pv_vmm3(unsigned arg)
{
	struct pv_guest *g = (struct pv_guest *)arg;
	struct l4_msg m = msg(0, 0);
	l4_recv(g->ep, &m);
	for (;;) {
		unsigned k;
		if (!record_exit(g, &m, &k))
			return;
		unsigned ec = L4_HSR_EC(g->mr[k][1]), actions = 0, value = 0;
		if (ec == L4_EC_CP15_32 || ec == L4_EC_CP15_64)
			actions = L4_VM_REPLY_SET | L4_VM_REPLY_STEP, value = MIDR_VALUE;
		if (ec == L4_EC_SMC)
			actions = L4_VM_REPLY_SET | L4_VM_REPLY_STEP, value = PSCI_VERSION_1_0;
		m = msg(0, 2);
		m.mr[0] = actions;
		m.mr[1] = value;
		l4_reply_recv(g->ep, &m);
	}
}

static l4_cptr_t guest_page(struct pv_guest *g, unsigned gpa, unsigned rights, unsigned flags)
{
	l4_cptr_t f = object_new(L4_OBJ_FRAME_4K, 0);
	if (f && l4_frame_map(f, g->vspace, gpa, rights, flags) != L4_OK)
		return 0;
	return f;
}

static int pv_guest_create(struct pv_guest *g, void (*vmm)(unsigned))
{
	*g = (struct pv_guest){0};
	g->vspace = object_new(L4_OBJ_GUEST_VSPACE, 0);
	g->vcpu = object_new(L4_OBJ_VCPU, 0);
	g->tcb = object_new(L4_OBJ_TCB, 0);
	g->ep = object_new(L4_OBJ_ENDPOINT, 0);
	g->code = object_new(L4_OBJ_FRAME_4K, 0);
	CHECK(g->vspace && g->vcpu && g->tcb && g->ep && g->code);
	CHECK_EQ(window_ready(), 0);
	CHECK_EQ(l4_frame_map(g->code, L4_CAP_INIT_VSPACE, STAGING, L4_RIGHTS_ALL, 0), L4_OK);
	char *page = (char *)STAGING;
	for (const char *p = pv_guest_code; p < pv_guest_code_end; p++)
		page[p - pv_guest_code] = *p;
	CHECK_EQ(l4_frame_unmap(g->code), L4_OK);
	CHECK_EQ(l4_frame_clean(g->code, 0, L4_PAGE_SIZE), L4_OK);

	CHECK_EQ(tables_map(g->vspace, GUEST_CODE, 0, &g->pt), L4_OK);
	CHECK_EQ(l4_frame_map(g->code, g->vspace, GUEST_CODE, L4_RIGHT_READ, L4_FRAME_EXECUTABLE),
		 L4_OK);
	g->state = object_new(L4_OBJ_FRAME_4K, 0);
	CHECK(g->state);
	/* an unmapped frame is no state page */
	CHECK_EQ(l4_vcpu_set_state_page(g->vcpu, g->state), L4_INVALID_ARGUMENT);
	CHECK_EQ(l4_frame_map(g->state, g->vspace, GUEST_STATE, L4_RIGHT_READ | L4_RIGHT_WRITE, 0),
		 L4_OK);
	g->ro = guest_page(g, GUEST_RO, L4_RIGHT_READ, 0);
	g->stack = guest_page(g, GUEST_SP - L4_PAGE_SIZE, L4_RIGHT_READ | L4_RIGHT_WRITE, 0);
	CHECK(g->ro && g->stack);
	CHECK_EQ(l4_vcpu_set_state_page(g->vcpu, g->state), L4_OK);

	CHECK_EQ(l4_vcpu_set_tcb(g->vcpu, g->tcb), L4_OK);
	CHECK_EQ(l4_tcb_configure(g->tcb, ROOT, g->vspace, g->ep, 0), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(g->tcb, 255, L4_CAP_INIT_TCB), L4_OK);
	g->vmm = thread_start(vmm, (unsigned)g, 255);
	CHECK(g->vmm);
	l4_yield(); /* the VMM waits for the first exit */
	return 0;
}

static void pv_guest_destroy(struct pv_guest *g)
{
	if (g->vmm)
		thread_stop(g->vmm);
	const l4_cptr_t caps[] = {g->vcpu, g->tcb, g->ep, g->code, g->state, g->ro, g->stack,
				  g->pt, g->vspace};
	for (unsigned i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (caps[i])
			l4_cnode_delete(ROOT, caps[i]);
}

/* Exit k is the guest's HC_VMM_CALL with r0-r3 as given (~0u: any). */
static int check_call(const struct pv_guest *g, unsigned k, unsigned r0, unsigned r1,
		      unsigned r2, unsigned r3)
{
	const unsigned *mr = g->mr[k];
	if (g->label[k] != L4_FAULT_VM_EXIT || L4_HSR_EC(mr[1]) != L4_EC_HVC || mr[2] != r0 ||
	    (r1 != ~0u && mr[3] != r1) || (r2 != ~0u && mr[4] != r2) || (r3 != ~0u && mr[5] != r3)) {
		l4_printf("    exit %u: label %u HSR %x r0-r3 %x %x %x %x, expected a call "
			  "%x %x %x %x\n", k, g->label[k], mr[1], mr[2], mr[3], mr[4], mr[5],
			  r0, r1, r2, r3);
		return 1;
	}
	return 0;
}

/* Exit k is an MMIO access at GUEST_MMIO + offset with this syndrome. */
static int check_mmio(const struct pv_guest *g, unsigned k, unsigned offset, unsigned size,
		      int sign, unsigned rt, int write)
{
	const unsigned *mr = g->mr[k];
	unsigned hsr = mr[1];
	if (g->label[k] != L4_FAULT_VM_EXIT || L4_HSR_EC(hsr) != L4_EC_DATA_ABORT ||
	    !L4_HSR_DABT_ISV(hsr) || L4_HSR_DABT_SIZE(hsr) != size ||
	    !!(hsr & (1u << 21)) != sign || L4_HSR_DABT_SRT(hsr) != rt ||
	    L4_HSR_DABT_WRITE(hsr) != (unsigned)write || mr[2] != GUEST_MMIO + offset ||
	    mr[5] != GUEST_MMIO + offset || (write && mr[3] != STORED) ||
	    (mr[4] & 0x1fu) != 0x13u || mr[0] < GUEST_CODE || mr[0] >= GUEST_CODE + 0x1000) {
		l4_printf("    exit %u: label %u pc %x HSR %x MR2-5 %x %x %x %x, expected MMIO "
			  "at +%u size %u sign %d rt %u write %d\n", k, g->label[k], mr[0], hsr,
			  mr[2], mr[3], mr[4], mr[5], offset, size, sign, rt, write);
		return 1;
	}
	return 0;
}

#define UPCALL 0x80u
#define ANY ~0u

static int pv_guest_takes_upcalls_exits_and_refuses_escapes(void)
{
	struct pv_guest g;
	int failed = pv_guest_create(&g, pv_vmm);
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = GUEST_CODE;
	regs[L4_REG_SP] = GUEST_SP;
	regs[L4_REG_R0] = GUEST_STATE;
	regs[L4_REG_R1] = GUEST_MMIO;
	regs[L4_REG_R2] = GUEST_RO;
	regs[L4_REG_CPSR] = 0x1d3u; /* SVC, A I F masked: only the virtual mode counts */
	if (!failed)
		failed = l4_tcb_write_all_registers(g.tcb, regs, L4_REG_COUNT, 1) != L4_OK;
	for (unsigned i = 0; !failed && i < WAIT_YIELDS && g.exits < 31; i++)
		l4_yield();
	unsigned exits = g.exits;
	pv_guest_destroy(&g);
	CHECK(!failed);
	if (exits != 31) /* where it went astray */
		for (unsigned k = 0; k < exits; k++)
			l4_printf("    exit %u: label %u HSR %x MR2-5 %x %x %x %x\n", k, g.label[k],
				  g.mr[k][1], g.mr[k][2], g.mr[k][3], g.mr[k][4], g.mr[k][5]);
	CHECK_EQ(exits, 31);
	unsigned k = 0;
	/* an unknown hypercall; SVC #1 is no L4 Call: L4_INVALID_ARGUMENT, r1 = 12 */
	CHECK_EQ(check_call(&g, k++, 1, L4_INVALID_ARGUMENT, 12, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 2, L4_INVALID_ARGUMENT, 12, ANY), 0);
	/* the privileged instruction: undefined, the guest kernel runs in USR */
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_UNDEF, 0, 0), 0);
	CHECK_EQ(check_call(&g, k++, 3, ANY, ANY, ANY), 0);
	/* the read-only page: a permission fault on a page, WnR */
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_DATA_ABORT, GUEST_RO, 0x80fu), 0);
	CHECK_EQ(check_call(&g, k++, 4, ANY, ANY, ANY), 0);
	/* MMIO loads: ldr r4, ldrh r5, ldrsh r6, ldrb r7, ldrsb r8 */
	CHECK_EQ(check_mmio(&g, k++, 0, 4, 0, 4, 0), 0);
	CHECK_EQ(check_mmio(&g, k++, 2, 2, 0, 5, 0), 0);
	CHECK_EQ(check_mmio(&g, k++, 4, 2, 1, 6, 0), 0);
	CHECK_EQ(check_mmio(&g, k++, 1, 1, 0, 7, 0), 0);
	CHECK_EQ(check_mmio(&g, k++, 3, 1, 1, 8, 0), 0);
	/* each register got the reply's value, sized and sign-extended */
	CHECK_EQ(check_call(&g, k++, 5, LOADED, LOADED & 0xffffu, 0xffff8081u), 0);
	CHECK_EQ(check_call(&g, k++, 6, LOADED & 0xffu, 0xffffff81u, ANY), 0);
	/* MMIO stores: str, strh, strb of r4 */
	CHECK_EQ(check_mmio(&g, k++, 8, 4, 0, 4, 1), 0);
	CHECK_EQ(check_mmio(&g, k++, 10, 2, 0, 4, 1), 0);
	CHECK_EQ(check_mmio(&g, k++, 12, 1, 0, 4, 1), 0);
	/* HC_VMM_CALL: MR2-MR5 are r0-r3; the reply's SET writes r0 */
	CHECK_EQ(check_call(&g, k++, 7, ANY, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 8, SET_R0, ANY, ANY), 0);
	/* masked: pending on the state page, no upcall until HC_IRQ_SYNC */
	CHECK_EQ(check_call(&g, k++, 9, ANY, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 10, 1, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_IRQ, VIRQ_MASKED, 0), 0);
	CHECK_EQ(check_call(&g, k++, 11, ANY, ANY, ANY), 0);
	/* unmasked: the upcall comes as soon as the guest runs again */
	CHECK_EQ(check_call(&g, k++, 12, ANY, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_IRQ, VIRQ_UNMASKED, 0), 0);
	CHECK_EQ(check_call(&g, k++, 13, ANY, ANY, ANY), 0);
	/* guest user's system call, then the guest kernel on its own stack */
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_SYSCALL | PV_UPCALL_FROM_USER, 0, 0), 0);
	CHECK_EQ(check_call(&g, k++, 14, GUEST_SP, ANY, ANY), 0);
	/* HC_RETURN to SYS, Monitor or HYP mode: refused */
	CHECK_EQ(check_call(&g, k++, 15, L4_INVALID_ARGUMENT, L4_INVALID_ARGUMENT,
			    L4_INVALID_ARGUMENT), 0);
	/* to SVC with A, I, F: still USR (the MCR is undefined), masked */
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_UNDEF, 0, 0), 0);
	CHECK_EQ(check_call(&g, k++, 16, 1, ANY, ANY), 0);
	/* the undefined instruction while frame_busy: stopped, a fault */
	CHECK_EQ(g.label[k], L4_FAULT_OTHER);
	CHECK_EQ(g.mr[k][2], PV_UPCALL_UNDEF); /* the status: the upcall it could not take */
	return 0;
}

static int pv_guest_timer_sysregs_and_interrupt_lines(void)
{
	struct pv_guest g;
	int failed = pv_guest_create(&g, pv_vmm2);
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = GUEST_CODE + (unsigned)(pv_guest2 - pv_guest_code);
	regs[L4_REG_SP] = GUEST_SP;
	regs[L4_REG_R0] = GUEST_STATE;
	regs[L4_REG_R1] = GUEST_MMIO;
	regs[L4_REG_R2] = bootinfo->counter_hz / 500; /* 2 ms */
	regs[L4_REG_CPSR] = 0x13u;
	if (!failed)
		failed = l4_tcb_write_all_registers(g.tcb, regs, L4_REG_COUNT, 1) != L4_OK;
	for (unsigned i = 0; !failed && i < WAIT_YIELDS && g.exits < 14; i++)
		l4_yield();
	unsigned exits = g.exits, stats[L4_VCPU_STATS_COUNT] = {0};
	/* until the last HC_WFI has blocked (the first blocks only if the
	 * timer is not due yet when the guest gets there) */
	for (unsigned i = 0; !failed && i < 200 && stats[1] < 2; i++) {
		failed = l4_vcpu_stats(g.vcpu, stats) != L4_OK;
		l4_yield();
	}
	pv_guest_destroy(&g);
	CHECK(!failed);
	if (exits != 14)
		for (unsigned k = 0; k < exits; k++)
			l4_printf("    exit %u: label %u HSR %x MR2-5 %x %x %x %x\n", k, g.label[k],
				  g.mr[k][1], g.mr[k][2], g.mr[k][3], g.mr[k][4], g.mr[k][5]);
	CHECK_EQ(exits, 14);
	unsigned k = 0;
	/* VBAR recorded and read back; TTBCR.EAE refused: short descriptors only */
	CHECK_EQ(check_call(&g, k++, 1, L4_OK, 0x4321, L4_INVALID_ARGUMENT), 0);
	CHECK_EQ(check_call(&g, k++, 2, 0xabcd, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 3, L4_OK, ANY, ANY), 0);
	/* the writeback load: an exit without a syndrome, the abort an upcall */
	const unsigned *mr = g.mr[k++];
	CHECK_EQ(L4_HSR_EC(mr[1]), L4_EC_DATA_ABORT);
	CHECK_EQ(L4_HSR_DABT_ISV(mr[1]), 0);
	CHECK_EQ(L4_HSR_DABT_WRITE(mr[1]), 0);
	CHECK_EQ(mr[2], GUEST_MMIO);
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_DATA_ABORT, GUEST_MMIO, 0x008), 0);
	CHECK_EQ(check_call(&g, k++, 4, ANY, ANY, ANY), 0);
	/* the timer's interrupt ends the wait */
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_IRQ, PV_TIMER_VIRQ, 0), 0);
	CHECK_EQ(check_call(&g, k++, 5, ANY, ANY, ANY), 0);
	/* the level line: taken, ended, taken again until acknowledged */
	CHECK_EQ(check_call(&g, k++, 6, ANY, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_IRQ, VIRQ_LEVEL, 0), 0);
	CHECK_EQ(check_call(&g, k++, UPCALL, PV_UPCALL_IRQ, VIRQ_LEVEL, 0), 0);
	CHECK_EQ(check_call(&g, k++, 7, ANY, ANY, ANY), 0);
	/* trapped: HC_WFI exits as the A15's WFI, at the SVC */
	mr = g.mr[k++];
	CHECK_EQ(L4_HSR_EC(mr[1]), L4_EC_WFI_WFE);
	CHECK_EQ(mr[0] & ~0xfffu, GUEST_CODE);
	CHECK_EQ(check_call(&g, k++, 8, ANY, ANY, ANY), 0);
	CHECK(stats[1] >= 1 && stats[1] <= 2); /* WFI blocks: the last, perhaps the timer's */
	CHECK_EQ(stats[2], 1); /* one timer interrupt */
	return 0;
}

/* Exit k is a trapped coprocessor access with this HSR (the A15's). */
static int check_cp_exit(const struct pv_guest *g, unsigned k, unsigned hsr, unsigned mr2,
			 unsigned mr3)
{
	const unsigned *mr = g->mr[k];
	if (g->label[k] != L4_FAULT_VM_EXIT || mr[1] != hsr || mr[2] != mr2 || (mr3 != ANY && mr[3] != mr3) ||
	    (L4_HSR_EC(hsr) != L4_EC_SMC && (mr[4] & 0x1fu) != 0x13u)) {
		l4_printf("    exit %u: label %u HSR %x MR2-5 %x %x %x %x, expected HSR %x MR2 %x "
			  "MR3 %x\n", k, g->label[k], mr[1], mr[2], mr[3], mr[4], mr[5], hsr, mr2,
			  mr3);
		return 1;
	}
	return 0;
}

/* The guest kernel runs CP15 instructions as they are: system registers
 * and maintenance are done by the kernel, the rest reaches the VMM as on
 * the A15; neither is an upcall. */
static int pv_guest_coprocessor_instructions_are_emulated(void)
{
	struct pv_guest g;
	int failed = pv_guest_create(&g, pv_vmm3);
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = GUEST_CODE + (unsigned)(pv_guest3 - pv_guest_code);
	regs[L4_REG_SP] = GUEST_SP;
	regs[L4_REG_R0] = GUEST_STATE;
	regs[L4_REG_CPSR] = 0x13u;
	if (!failed)
		failed = l4_tcb_write_all_registers(g.tcb, regs, L4_REG_COUNT, 1) != L4_OK;
	for (unsigned i = 0; !failed && i < WAIT_YIELDS && g.exits < 10; i++)
		l4_yield();
	unsigned exits = g.exits;
	pv_guest_destroy(&g);
	CHECK(!failed);
	if (exits != 10)
		for (unsigned k = 0; k < exits; k++)
			l4_printf("    exit %u: label %u HSR %x MR2-5 %x %x %x %x\n", k, g.label[k],
				  g.mr[k][1], g.mr[k][2], g.mr[k][3], g.mr[k][4], g.mr[k][5]);
	CHECK_EQ(exits, 10);
	unsigned k = 0;
	CHECK_EQ(check_call(&g, k++, 1, 0x5a5a, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 2, ANY, ANY, ANY), 0);
	CHECK_EQ(g.mr[1][3], g.mr[1][4]); /* MRC SCTLR = HC_GET_SYSREG's */
	/* EC 0x03, IL, CV, COND e: MRC MIDR into r6 (read); MCR PMCR from r7 */
	const unsigned cp15 = 0x03u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20;
	CHECK_EQ(check_cp_exit(&g, k++, cp15 | 6u << 5 | 1u, 0, 0), 0);
	CHECK_EQ(check_cp_exit(&g, k++, cp15 | 9u << 10 | 7u << 5 | 12u << 1, 7, 0), 0);
	/* SMC: EC 0x13, MR2-MR5 r0-r3 */
	CHECK_EQ(check_cp_exit(&g, k++, 0x13u << 26 | 1u << 25, 0x84000000u, ANY), 0);
	/* the replies: MIDR into r6, the PSCI version into r0 */
	CHECK_EQ(check_call(&g, k++, 3, MIDR_VALUE, PSCI_VERSION_1_0, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 4, ANY, ANY, ANY), 0);
	CHECK_EQ(check_call(&g, k++, 5, 0x5a5a, ANY, ANY), 0);
	/* MCRR TTBR0 with a high word: EC 0x04, Rt2 r1, Rt r0, CRm 2; MR2-3 the pair */
	CHECK_EQ(check_cp_exit(&g, k++, 0x04u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 1u << 10 |
					   2u << 1, 0, 1), 0);
	CHECK_EQ(check_call(&g, k++, 6, ANY, ANY, ANY), 0);
	return 0;
}

/* VCPU_SetStatePage checks its frame; the exits' counter counts them. */
static int pv_state_page_is_checked(void)
{
	l4_cptr_t vcpu = object_new(L4_OBJ_VCPU, 0), frame = object_new(L4_OBJ_FRAME_4K, 0);
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	CHECK(vcpu && frame && ep);
	int not_frame = l4_vcpu_set_state_page(vcpu, ep);
	int unmapped = l4_vcpu_set_state_page(vcpu, frame);
	CHECK_EQ(window_ready(), 0);
	int mapped_ro = l4_frame_map(frame, L4_CAP_INIT_VSPACE, STAGING, L4_RIGHT_READ, 0);
	int ro = l4_vcpu_set_state_page(vcpu, frame);
	l4_frame_unmap(frame);
	l4_cnode_delete(ROOT, vcpu);
	l4_cnode_delete(ROOT, frame);
	l4_cnode_delete(ROOT, ep);
	CHECK(not_frame != L4_OK);
	CHECK_EQ(unmapped, L4_INVALID_ARGUMENT);
	CHECK_EQ(mapped_ro, L4_OK);
	CHECK_EQ(ro, L4_OK); /* the cap has write rights: the mapping's are checked at use */
	return 0;
}

DEFINE_TEST_LIST(pv,
	T(pv_guest_takes_upcalls_exits_and_refuses_escapes),
	T(pv_guest_timer_sysregs_and_interrupt_lines),
	T(pv_guest_coprocessor_instructions_are_emulated),
	T(pv_state_page_is_checked))

#endif
