// SPDX-License-Identifier: MIT
/* The deprivileged VCPU's guest MMU (docs/pv-vcpu.md, section 5): shadow
 * page tables. A small guest runs an interpreter of commands its 'VMM'
 * thread writes into a mailbox page, in guest kernel or guest user mode,
 * and reports each result with HC_VMM_CALL (guest user through its
 * kernel, as a system call). The test builds two guest processes' page
 * tables in guest RAM and drives the guest through domain views, escapes,
 * address-space switches, TLB and cache maintenance, changes of its own
 * tables and the VMM's unmapping of guest RAM; the VMM thread logs every
 * exit, and the test compares the log with what a guest on real hardware
 * would have seen. Built only on SVC. */
#include "harness.h"
#include <l4/pv.h>

#ifdef CONFIG_ARM_SVC

/* guest-physical memory (the guest VSpace) */
#define GP_CODE 0x00100000u
#define GP_STATE 0x00101000u
#define GP_MAILBOX 0x00200000u
#define GP_DATA_A 0x00400000u
#define GP_DATA_B 0x00401000u
#define GP_KPAGE 0x00402000u
#define GP_RO 0x00403000u
#define GP_DATA2 0x00404000u
#define GP_L1_A 0x00500000u    /* 16 KiB tables: only frames 0 and 2 of A's in RAM */
#define GP_L1_B 0x00504000u
#define GP_L2_A 0x00510000u    /* second-level tables for MiB 1, 2, 3 */
#define GP_L2_B 0x00511000u
#define GP_MMIO 0x10000000u    /* not in the VSpace */
#define GP_NOT_RAM 0x01000000u
/* guest virtual addresses, the same in both processes */
#define VA_CODE GP_CODE        /* identity: the MMU goes on under the guest's feet */
#define VA_STATE GP_STATE
#define VA_MAILBOX GP_MAILBOX
#define VA_DATA 0x00300000u    /* A's or B's data */
#define VA_KPAGE 0x00301000u   /* guest-kernel only */
#define VA_OWN_L1 0x00302000u  /* the process's own first-level table */
#define VA_RO 0x00303000u      /* read-only for both modes */
#define VA_CODE_X 0x00304000u  /* the code again, executable */
#define VA_CODE_XN 0x00305000u /* the code again, execute-never */
#define VA_MMIO 0x00600000u    /* a section onto GP_MMIO */
#define VA_TERN 0x00700000u    /* a section onto guest-physical 0x80000000 */
#define VA_BAD_TABLE 0x00800000u /* a table outside guest RAM */
#define VA_UNMAPPED 0x00900000u
#define VA_TABLE_IN_TERN 0x00a00000u /* a second-level table at guest-physical 0x80000400 */
#define VA_HIGH 0x90000000u    /* mapped by A's tables, in Tern's window */
#define VA_L1_HOLE 0x40000000u /* its first-level entry lies in a frame not in RAM */
#define VA_SWEEP 0x01000000u   /* A's tables: SWEEP_MIBS sections onto A's data */
#define SWEEP_MIBS 100u        /* more than the 88 second-level tables of the pool */

#define STAGING (WINDOW + 0x100000u)
#define LOADED 0x12348081u
#define V_A 0xaaaa0001u
#define V_B 0xbbbb0002u
#define V_K 0xcccc0003u
#define V_RO 0x0d0d0004u
#define V_2 0xeeee0005u
#define MAX_LOG 64
#define WAIT_YIELDS 20000
#define UPCALL 0x80u
#define ANY ~0u

/* The interpreter. r9: 0 in guest kernel, 1 in guest user; r10 the state
 * page; r11 the mailbox: op, then arguments. Ops: 1 load [a]; 2 store b to
 * [a]; 3 hypercall a with r0-r3 = b, c, d, e; 4 call the code at a (it
 * sets r1 to 0x5a); 5 to guest user; 6 back to guest kernel; 7 switch
 * c times to TTBR0 a, then b, then b with another ASID (guest ASIDs c and
 * c + 0x80, & 0xff), loading [d] in each and counting values other than e
 * (in a) and f (in b); 8 load [a + k MiB] for k < b, counting values
 * other than c. Each reports
 * (op, r1, r2). The upcall entry reports a fault as (0x80, reason, far,
 * status) and returns past it (a prefetch abort: to lr); a guest user's
 * system call it forwards as a report. */
__asm__(".pushsection .rodata.pvm_guest, \"a\"\n"
	".balign 4\n"
	".arm\n"
	".macro hypercall n\n"
	"	movw	r12, #\\n\n"
	"	svc	#0\n"
	".endm\n"
	"pvm_code:\n"
	"	mov	r10, r0\n"
	"	mov	r11, r1\n"
	"	mov	r9, #0\n"
	"	adr	r4, pvm_upcall\n"
	"	str	r4, [r10, #0x10]\n"
	"	mov	r0, #0\n"
	"	mov	r1, #0\n"
	"	b	pvm_report\n"
	"pvm_next:\n"
	"	ldm	r11, {r4-r8}\n"
	"	cmp	r4, #1\n"
	"	beq	pvm_load\n"
	"	cmp	r4, #2\n"
	"	beq	pvm_store\n"
	"	cmp	r4, #3\n"
	"	beq	pvm_hypercall\n"
	"	cmp	r4, #4\n"
	"	beq	pvm_exec\n"
	"	cmp	r4, #5\n"
	"	beq	pvm_to_user\n"
	"	cmp	r4, #6\n"
	"	beq	pvm_to_kernel\n"
	"	cmp	r4, #7\n"
	"	beq	pvm_switch_loop\n"
	"	cmp	r4, #8\n"
	"	beq	pvm_sweep\n"
	"	mov	r0, #0xff\n"
	"	b	pvm_report\n"
	"pvm_load:\n"
	"	mvn	r1, #0\n"
	"	ldr	r1, [r5]\n"
	"	mov	r0, r4\n"
	"	b	pvm_report\n"
	"pvm_store:\n"
	"	str	r6, [r5]\n"
	"	mov	r1, #0\n"
	"	mov	r0, r4\n"
	"	b	pvm_report\n"
	"pvm_hypercall:\n"
	"	mov	r12, r5\n"
	"	mov	r0, r6\n"
	"	mov	r1, r7\n"
	"	mov	r2, r8\n"
	"	ldr	r3, [r11, #20]\n"
	"	svc	#0\n"
	"	mov	r2, r1\n"
	"	mov	r1, r0\n"
	"	mov	r0, r4\n"
	"	b	pvm_report\n"
	"pvm_exec:\n"
	"	mvn	r1, #0\n"
	"	blx	r5\n"
	"	mov	r0, r4\n"
	"	b	pvm_report\n"
	"pvm_to_user:\n"
	"	adr	r5, pvm_report\n"
	"	str	r5, [r10, #0x7c]\n"        /* frame.pc */
	"	mov	r5, #0x10\n"
	"	str	r5, [r10, #0x80]\n"        /* frame.cpsr: USR */
	"	str	r4, [r10, #0x40]\n"        /* r0: the op */
	"	mov	r5, #0\n"
	"	str	r5, [r10, #0x44]\n"
	"	mov	r5, #1\n"
	"	str	r5, [r10, #0x64]\n"        /* r9: user */
	"	str	r10, [r10, #0x68]\n"
	"	str	r11, [r10, #0x6c]\n"
	"	hypercall 0\n"
	"	b	.\n"
	"pvm_to_kernel:\n"
	"	mov	r0, #0xe0\n"
	"	svc	#0\n"
	"	b	.\n"
	"pvm_switch_loop:\n"
	"	mov	r4, #0\n"
	"1:	mov	r0, r5\n"
	"	and	r1, r7, #0xff\n"
	"	hypercall 3\n"
	"	ldr	r0, [r8]\n"
	"	ldr	r1, [r11, #20]\n"
	"	cmp	r0, r1\n"
	"	addne	r4, r4, #1\n"
	"	mov	r0, r6\n"
	"	and	r1, r7, #0xff\n"
	"	hypercall 3\n"
	"	ldr	r0, [r8]\n"
	"	ldr	r1, [r11, #24]\n"
	"	cmp	r0, r1\n"
	"	addne	r4, r4, #1\n"
	"	mov	r0, r6\n"                 /* b again, another ASID: three */
	"	add	r1, r7, #0x80\n"          /* switches a round, so that the */
	"	and	r1, r1, #0xff\n"          /* shadows' slots change hands */
	"	hypercall 3\n"
	"	ldr	r0, [r8]\n"
	"	ldr	r1, [r11, #24]\n"
	"	cmp	r0, r1\n"
	"	addne	r4, r4, #1\n"
	"	subs	r7, r7, #1\n"
	"	bne	1b\n"
	"	mov	r1, r4\n"
	"	mov	r0, #7\n"
	"	b	pvm_report\n"
	"pvm_sweep:\n"
	"	mov	r4, #0\n"
	"1:	ldr	r0, [r5]\n"
	"	cmp	r0, r7\n"
	"	addne	r4, r4, #1\n"
	"	add	r5, r5, #0x100000\n"
	"	subs	r6, r6, #1\n"
	"	bne	1b\n"
	"	mov	r1, r4\n"
	"	mov	r0, #8\n"
	"	b	pvm_report\n"
	"pvm_report:\n"
	"	cmp	r9, #0\n"
	"	bne	1f\n"
	"	hypercall 0x100\n"
	"	b	pvm_next\n"
	"1:	svc	#0\n"                    /* guest user: its kernel forwards it */
	"	b	pvm_next\n"
	"pvm_upcall:\n"
	"	mov	r6, r0\n"
	"	mov	r7, r1\n"
	"	mov	r8, r2\n"
	"	mov	r4, #0\n"
	"	str	r4, [r10, #0x18]\n"        /* frame_busy */
	"	and	r4, r6, #0xff\n"
	"	cmp	r4, #1\n"
	"	beq	2f\n"
	"	mov	r0, #0x80\n"
	"	mov	r1, r6\n"
	"	mov	r2, r7\n"
	"	mov	r3, r8\n"
	"	hypercall 0x100\n"
	"	cmp	r4, #3\n"
	"	ldreq	r5, [r10, #0x78]\n"        /* a prefetch abort: back to lr */
	"	ldrne	r5, [r10, #0x7c]\n"
	"	addne	r5, r5, #4\n"              /* else past the instruction */
	"	str	r5, [r10, #0x7c]\n"
	"	hypercall 0\n"
	"	b	.\n"
	"2:	ldr	r0, [r10, #0x40]\n"
	"	cmp	r0, #0xe0\n"
	"	beq	3f\n"
	"	ldr	r1, [r10, #0x44]\n"
	"	ldr	r2, [r10, #0x48]\n"
	"	ldr	r3, [r10, #0x4c]\n"
	"	hypercall 0x100\n"
	"	hypercall 0\n"                   /* to guest user, past its SVC */
	"	b	.\n"
	"3:	mov	r9, #0\n"
	"	mov	r0, #6\n"
	"	mov	r1, #0\n"
	"	b	pvm_report\n"
	"pvm_func:\n"
	"	mov	r1, #0x5a\n"
	"	bx	lr\n"
	"pvm_code_end:\n"
	".purgem hypercall\n"
	".popsection\n");
extern const char pvm_code[], pvm_func[], pvm_code_end[];

enum { OP_LOAD = 1, OP_STORE, OP_HYPERCALL, OP_EXEC, OP_TO_USER, OP_TO_KERNEL, OP_SWITCH,
       OP_SWEEP };
/* what the VMM thread does itself between guest commands */
enum { ACT_GUEST, ACT_SET_L2, ACT_UNMAP_DATA_B };

struct step {
	unsigned action, op, arg[6];
};

/* frames the guest VSpace maps, in the order of their addresses */
enum { F_CODE, F_STATE, F_MAILBOX, F_DATA_A, F_DATA_B, F_KPAGE, F_RO, F_DATA2, F_L1_A0,
       F_L1_A2, F_L1_B0, F_L2_A, F_L2_B, F_COUNT };
static const unsigned frame_gpa[F_COUNT] = {
	GP_CODE, GP_STATE, GP_MAILBOX, GP_DATA_A, GP_DATA_B, GP_KPAGE, GP_RO, GP_DATA2,
	GP_L1_A, GP_L1_A + 0x2000u, GP_L1_B, GP_L2_A, GP_L2_B,
};

struct pvm_guest {
	l4_cptr_t vspace, pt[3], frame[F_COUNT], alias[F_COUNT], vcpu, tcb, ep;
	struct test_thread *vmm;
	const struct step *script;
	unsigned steps, next;
	volatile unsigned done, logged;
	unsigned log[MAX_LOG][7]; /* label, MR0-MR5 */
};

static unsigned *alias_of(unsigned f)
{
	return (unsigned *)(STAGING + f * 0x1000u);
}

/* descriptors of the guest's tables (ARM ARM B3.5): table, section, small page */
#define L1_TABLE(gpa) ((gpa) | 1u)
#define L1_SECTION(gpa) ((gpa) | 2u | 3u << 10)
#define PG_RW (3u << 4)                 /* AP 011: both modes */
#define PG_KERNEL (1u << 4)             /* AP 001: guest kernel only */
#define PG_RO (1u << 9 | 2u << 4)       /* AP 110: read-only for both */
#define PG_XN 1u
#define SMALL(gpa, ap) ((gpa) | 2u | (ap))

static void build_tables(unsigned l1_frame, unsigned l1_gpa, unsigned l2_frame, unsigned l2_gpa,
			 unsigned data)
{
	unsigned *l1 = alias_of(l1_frame), *l2 = alias_of(l2_frame);
	for (unsigned i = 0; i < 1024; i++)
		l1[i] = l2[i] = 0;
	for (unsigned mib = 1; mib <= 3; mib++)
		l1[mib] = L1_TABLE(l2_gpa + (mib - 1) * 0x400u);
	l1[VA_MMIO >> 20] = L1_SECTION(GP_MMIO);
	l1[VA_TERN >> 20] = L1_SECTION(0x80000000u);
	l1[VA_BAD_TABLE >> 20] = L1_TABLE(GP_NOT_RAM);
	l1[VA_TABLE_IN_TERN >> 20] = L1_TABLE(0x80000400u);
	unsigned *mib1 = l2, *mib2 = l2 + 256, *mib3 = l2 + 512;
	mib1[0] = SMALL(GP_CODE, PG_RW);
	mib1[1] = SMALL(GP_STATE, PG_KERNEL | PG_XN);
	mib2[0] = SMALL(GP_MAILBOX, PG_RW | PG_XN);
	mib3[0] = SMALL(data, PG_RW | PG_XN);
	mib3[1] = SMALL(GP_KPAGE, PG_KERNEL | PG_XN);
	mib3[2] = SMALL(l1_gpa, PG_RW | PG_XN);
	mib3[3] = SMALL(GP_RO, PG_RO | PG_XN);
	mib3[4] = SMALL(GP_CODE, PG_RW);
	mib3[5] = SMALL(GP_CODE, PG_RW | PG_XN);
}

/* The VMM: logs every exit; a report of a command (a call whose r0 is not
 * an upcall's) is answered with the next command, after the VMM's own
 * actions; MMIO loads get LOADED. The script's end, or anything but an
 * exit, ends it. */
static void pvm_vmm(unsigned arg)
{
	struct pvm_guest *g = (struct pvm_guest *)arg;
	struct l4_msg m = msg(0, 0);
	l4_recv(g->ep, &m);
	for (;;) {
		unsigned k = g->logged, *e = g->log[k];
		e[0] = l4_msginfo_label(m.info);
		for (unsigned i = 0; i < 6; i++)
			e[1 + i] = m.mr[i];
		g->logged = k + 1;
		if (e[0] != L4_FAULT_VM_EXIT || k + 1 >= MAX_LOG)
			break;
		unsigned hsr = e[2], actions = 0, value = 0;
		if (L4_HSR_EC(hsr) == L4_EC_DATA_ABORT) {
			actions = L4_VM_REPLY_STEP;
			if (!L4_HSR_DABT_WRITE(hsr))
				actions |= L4_VM_REPLY_SET, value = LOADED;
		} else if (L4_HSR_EC(hsr) == L4_EC_HVC && e[3] != UPCALL) {
			while (g->next < g->steps && g->script[g->next].action != ACT_GUEST) {
				const struct step *s = &g->script[g->next++];
				if (s->action == ACT_SET_L2)
					alias_of(s->arg[0])[s->arg[1]] = s->arg[2];
				else if (s->action == ACT_UNMAP_DATA_B)
					l4_frame_unmap(g->frame[F_DATA_B]);
			}
			if (g->next >= g->steps)
				break;
			const struct step *s = &g->script[g->next++];
			unsigned *mailbox = alias_of(F_MAILBOX);
			for (unsigned i = 0; i < 6; i++)
				mailbox[1 + i] = s->arg[i];
			mailbox[0] = s->op;
		}
		m = msg(0, 2);
		m.mr[0] = actions;
		m.mr[1] = value;
		l4_reply_recv(g->ep, &m);
	}
	g->done = 1;
	for (;;)
		l4_yield(); /* the test stops this thread */
}

static int pvm_create(struct pvm_guest *g, const struct step *script, unsigned steps)
{
	*g = (struct pvm_guest){.script = script, .steps = steps};
	g->vspace = object_new(L4_OBJ_GUEST_VSPACE, 0);
	g->vcpu = object_new(L4_OBJ_VCPU, 0);
	g->tcb = object_new(L4_OBJ_TCB, 0);
	g->ep = object_new(L4_OBJ_ENDPOINT, 0);
	CHECK(g->vspace && g->vcpu && g->tcb && g->ep);
	CHECK_EQ(window_ready(), 0);
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(tables_map(g->vspace, i * 0x200000u, 0, &g->pt[i]), L4_OK);
	for (unsigned f = 0; f < F_COUNT; f++) {
		g->frame[f] = object_new(L4_OBJ_FRAME_4K, 0);
		g->alias[f] = slot_alloc();
		CHECK(g->frame[f] && g->alias[f]);
		CHECK_EQ(l4_cnode_copy(ROOT, g->alias[f], g->frame[f], L4_RIGHTS_ALL), L4_OK);
		CHECK_EQ(l4_frame_map(g->alias[f], L4_CAP_INIT_VSPACE, STAGING + f * 0x1000u,
				      L4_RIGHT_READ | L4_RIGHT_WRITE, 0), L4_OK);
	}
	char *code = (char *)alias_of(F_CODE);
	for (const char *p = pvm_code; p < pvm_code_end; p++)
		code[p - pvm_code] = *p;
	CHECK_EQ(l4_frame_clean(g->alias[F_CODE], 0, L4_PAGE_SIZE), L4_OK);
	alias_of(F_DATA_A)[0] = V_A;
	alias_of(F_DATA_B)[0] = V_B;
	alias_of(F_KPAGE)[0] = V_K;
	alias_of(F_RO)[0] = V_RO;
	alias_of(F_DATA2)[0] = V_2;
	build_tables(F_L1_A0, GP_L1_A, F_L2_A, GP_L2_A, GP_DATA_A);
	build_tables(F_L1_B0, GP_L1_B, F_L2_B, GP_L2_B, GP_DATA_B);
	for (unsigned k = 0; k < SWEEP_MIBS; k++)
		alias_of(F_L1_A0)[(VA_SWEEP >> 20) + k] = L1_SECTION(GP_DATA_A & ~0xfffffu);
	/* A's tables also map VA_HIGH, in its third frame (0x900 * 4 - 0x2000) */
	for (unsigned i = 0; i < 1024; i++)
		alias_of(F_L1_A2)[i] = 0;
	alias_of(F_L1_A2)[(VA_HIGH >> 20) - 0x800] = L1_SECTION(GP_DATA_A & ~0xfffffu);
	for (unsigned f = 0; f < F_COUNT; f++)
		CHECK_EQ(l4_frame_map(g->frame[f], g->vspace, frame_gpa[f],
				      L4_RIGHT_READ | L4_RIGHT_WRITE,
				      f == F_CODE ? L4_FRAME_EXECUTABLE : 0), L4_OK);
	CHECK_EQ(l4_vcpu_set_state_page(g->vcpu, g->frame[F_STATE]), L4_OK);
	CHECK_EQ(l4_vcpu_set_tcb(g->vcpu, g->tcb), L4_OK);
	CHECK_EQ(l4_tcb_configure(g->tcb, ROOT, g->vspace, g->ep, 0), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(g->tcb, 255, L4_CAP_INIT_TCB), L4_OK);
	g->vmm = thread_start(pvm_vmm, (unsigned)g, 255);
	CHECK(g->vmm);
	l4_yield();
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = VA_CODE;
	regs[L4_REG_R0] = VA_STATE;
	regs[L4_REG_R1] = VA_MAILBOX;
	regs[L4_REG_CPSR] = 0x13u;
	CHECK_EQ(l4_tcb_write_all_registers(g->tcb, regs, L4_REG_COUNT, 1), L4_OK);
	for (unsigned i = 0; i < WAIT_YIELDS && !g->done; i++)
		l4_yield();
	return 0;
}

/* Deletes everything; the VSpace before the VCPU whose shadows it fed
 * when vspace_first (the VCPU must not keep a pointer to it). */
static void pvm_destroy(struct pvm_guest *g, int vspace_first)
{
	if (g->vmm)
		thread_stop(g->vmm);
	if (vspace_first) {
		l4_cnode_delete(ROOT, g->vspace);
		g->vspace = 0;
	}
	l4_cnode_delete(ROOT, g->tcb);
	l4_cnode_delete(ROOT, g->vcpu);
	l4_cnode_delete(ROOT, g->ep);
	for (unsigned f = 0; f < F_COUNT; f++) {
		if (g->alias[f]) {
			l4_frame_unmap(g->alias[f]);
			l4_cnode_delete(ROOT, g->alias[f]);
		}
		if (g->frame[f])
			l4_cnode_delete(ROOT, g->frame[f]);
	}
	for (unsigned i = 0; i < 3; i++)
		if (g->pt[i])
			l4_cnode_delete(ROOT, g->pt[i]);
	if (g->vspace)
		l4_cnode_delete(ROOT, g->vspace);
}

/* What the log should hold: a call (r0-r3, ANY for any), or an MMIO exit
 * (r0 = MMIO_EXIT, r1 the guest-physical address, r2 the guest VA). */
#define MMIO_EXIT 0x1000u
struct expect {
	unsigned r0, r1, r2, r3;
};

static int log_matches(const struct pvm_guest *g, const struct expect *x, unsigned n)
{
	int bad = g->logged < n;
	for (unsigned k = 0; !bad && k < n; k++) {
		const unsigned *e = g->log[k];
		if (e[0] != L4_FAULT_VM_EXIT) {
			bad = 1;
		} else if (x[k].r0 == MMIO_EXIT) {
			bad = L4_HSR_EC(e[2]) != L4_EC_DATA_ABORT || e[3] != x[k].r1 || e[6] != x[k].r2;
		} else {
			bad = L4_HSR_EC(e[2]) != L4_EC_HVC || e[3] != x[k].r0 ||
			      (x[k].r1 != ANY && e[4] != x[k].r1) || (x[k].r2 != ANY && e[5] != x[k].r2) ||
			      (x[k].r3 != ANY && e[6] != x[k].r3);
		}
		if (bad)
			l4_printf("    log entry %u differs: expected %x %x %x %x\n", k, x[k].r0, x[k].r1,
				  x[k].r2, x[k].r3);
	}
	if (bad)
		for (unsigned k = 0; k < g->logged; k++)
			l4_printf("    log %u: label %u HSR %x MR2-5 %x %x %x %x\n", k, g->log[k][0],
				  g->log[k][2], g->log[k][3], g->log[k][4], g->log[k][5], g->log[k][6]);
	return bad;
}

#define GUEST(op_, ...) {.action = ACT_GUEST, .op = (op_), .arg = {__VA_ARGS__}}
#define SET_L2(frame, index, value) {.action = ACT_SET_L2, .arg = {frame, index, value}}
#define UNMAP_DATA_B {.action = ACT_UNMAP_DATA_B}
#define MMU_ON_A                                                                          \
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_A, 1, 0, 0),                                  \
	GUEST(OP_HYPERCALL, HC_SET_SYSREG, L4_VCPU_TTBCR, 0, 0, 0),                          \
	GUEST(OP_HYPERCALL, HC_SET_SYSREG, L4_VCPU_SCTLR, 1, 0, 0)
#define MMU_ON_EXPECTED {OP_HYPERCALL, L4_OK, ANY, ANY}, {OP_HYPERCALL, L4_OK, ANY, ANY}, \
	{OP_HYPERCALL, L4_OK, ANY, ANY}
#define UPCALL_DATA(from_user, va, status) \
	{UPCALL, PV_UPCALL_DATA_ABORT | ((from_user) ? PV_UPCALL_FROM_USER : 0), va, status}

/* The two views, and every way out of guest memory refused. */
static const struct step views_script[] = {
	MMU_ON_A,
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_LOAD, VA_KPAGE),            /* the guest kernel reads its page */
	GUEST(OP_EXEC, VA_CODE_X + (0)),     /* patched below: pvm_func's offset */
	GUEST(OP_EXEC, VA_CODE_XN + (0)),
	GUEST(OP_TO_USER, 0),
	GUEST(OP_LOAD, VA_DATA),             /* guest user reads user data */
	GUEST(OP_LOAD, VA_KPAGE),            /* not the kernel's page */
	GUEST(OP_STORE, VA_RO, 1),           /* nor writes a read-only one */
	GUEST(OP_LOAD, VA_STATE),            /* nor reads the state page */
	GUEST(OP_TO_KERNEL, 0),
	GUEST(OP_LOAD, VA_KPAGE),            /* the kernel still can */
	GUEST(OP_STORE, VA_RO, 1),
	GUEST(OP_LOAD, VA_HIGH),             /* its tables map Tern's window: never shadowed */
	GUEST(OP_STORE, VA_HIGH, 1),
	GUEST(OP_LOAD, VA_L1_HOLE),          /* a first-level entry outside its RAM */
	GUEST(OP_LOAD, VA_BAD_TABLE),        /* a second-level table outside its RAM */
	GUEST(OP_LOAD, VA_TABLE_IN_TERN),    /* or in Tern's window */
	GUEST(OP_LOAD, VA_UNMAPPED),
	GUEST(OP_LOAD, VA_TERN),             /* guest-physical 0x80000000: no RAM of its */
	GUEST(OP_LOAD, VA_MMIO),
	GUEST(OP_LOAD, VA_OWN_L1 + 4),       /* its own tables: its to read */
	GUEST(OP_HYPERCALL, HC_SET_SYSREG, L4_VCPU_TTBCR, 0x80000000u, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
};

static int pv_mmu_views_and_escapes(void)
{
	struct step script[sizeof(views_script) / sizeof(views_script[0])];
	unsigned func = (unsigned)(pvm_func - pvm_code);
	for (unsigned i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
		script[i] = views_script[i];
		if (script[i].op == OP_EXEC)
			script[i].arg[0] += func;
	}
	struct pvm_guest g;
	int failed = pvm_create(&g, script, sizeof(script) / sizeof(script[0]));
	unsigned done = g.done;
	pvm_destroy(&g, 0);
	CHECK_INVARIANTS();
	CHECK(!failed);
	CHECK(done);
	const struct expect x[] = {
		{0, 0, ANY, ANY}, /* ready */
		MMU_ON_EXPECTED,
		{OP_LOAD, V_A, ANY, ANY},
		{OP_LOAD, V_K, ANY, ANY},
		{OP_EXEC, 0x5a, ANY, ANY},
		{UPCALL, PV_UPCALL_PREFETCH_ABORT, VA_CODE_XN + func, 0x00f},
		{OP_EXEC, ~0u, ANY, ANY},
		{OP_TO_USER, 0, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},
		UPCALL_DATA(1, VA_KPAGE, 0x00f), /* a permission fault: D2 never shows */
		{OP_LOAD, ~0u, ANY, ANY},
		UPCALL_DATA(1, VA_RO, 0x80f),
		{OP_STORE, 0, ANY, ANY},
		UPCALL_DATA(1, VA_STATE, 0x00f),
		{OP_LOAD, ~0u, ANY, ANY},
		{OP_TO_KERNEL, 0, ANY, ANY},
		{OP_LOAD, V_K, ANY, ANY},
		UPCALL_DATA(0, VA_RO, 0x80f),
		{OP_STORE, 0, ANY, ANY},
		UPCALL_DATA(0, VA_HIGH, 0x005),
		{OP_LOAD, ~0u, ANY, ANY},
		UPCALL_DATA(0, VA_HIGH, 0x805),
		{OP_STORE, 0, ANY, ANY},
		UPCALL_DATA(0, VA_L1_HOLE, 0x00c),
		{OP_LOAD, ~0u, ANY, ANY},
		UPCALL_DATA(0, VA_BAD_TABLE, 0x00e),
		{OP_LOAD, ~0u, ANY, ANY},
		UPCALL_DATA(0, VA_TABLE_IN_TERN, 0x00e),
		{OP_LOAD, ~0u, ANY, ANY},
		UPCALL_DATA(0, VA_UNMAPPED, 0x005),
		{OP_LOAD, ~0u, ANY, ANY},
		{MMIO_EXIT, 0x80000000u, VA_TERN, 0},
		{OP_LOAD, LOADED, ANY, ANY},
		{MMIO_EXIT, GP_MMIO, VA_MMIO, 0},
		{OP_LOAD, LOADED, ANY, ANY},
		{OP_LOAD, L1_TABLE(GP_L2_A), ANY, ANY},
		{OP_HYPERCALL, L4_INVALID_ARGUMENT, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},
	};
	CHECK_EQ(log_matches(&g, x, sizeof(x) / sizeof(x[0])), 0);
	return 0;
}

/* Two processes at the same addresses; the guest changing its tables, with
 * and without telling; maintenance limits; the VMM taking RAM away. */
static const struct step processes_script[] = {
	MMU_ON_A,
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_B, 2, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_STORE, VA_DATA, 0x2222u),
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_A, 1, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_B, 2, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_A, 1, 0, 0),
	/* remap A's data page without invalidating: the stale entry may stay
	 * (it does, in a software TLB that nothing evicted), then HC_TLB by
	 * MVA and ASID */
	SET_L2(F_L2_A, 512, SMALL(GP_DATA2, PG_RW | PG_XN)),
	GUEST(OP_LOAD, VA_DATA),
	GUEST(OP_HYPERCALL, HC_TLB, 2, VA_DATA, 1, 1),
	GUEST(OP_LOAD, VA_DATA),
	/* read-only now, by MVA in all ASIDs */
	SET_L2(F_L2_A, 512, SMALL(GP_DATA2, PG_RO | PG_XN)),
	GUEST(OP_HYPERCALL, HC_TLB, 3, VA_DATA, 0, 1),
	GUEST(OP_STORE, VA_DATA, 1),
	/* unmapped, by ASID */
	SET_L2(F_L2_A, 512, 0),
	GUEST(OP_HYPERCALL, HC_TLB, 1, 0, 1, 0),
	GUEST(OP_LOAD, VA_DATA),
	/* mapped again, everything flushed */
	SET_L2(F_L2_A, 512, SMALL(GP_DATA_A, PG_RW | PG_XN)),
	GUEST(OP_HYPERCALL, HC_TLB, 0, 0, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
	/* a new mapping (a section onto A's data MiB): no maintenance needed,
	 * the fault was never cached */
	GUEST(OP_LOAD, VA_UNMAPPED),
	SET_L2(F_L1_A0, VA_UNMAPPED >> 20, L1_SECTION(GP_DATA_A & ~0xfffffu)),
	GUEST(OP_LOAD, VA_UNMAPPED + (GP_DATA_A & 0xfffffu)),
	/* limits */
	GUEST(OP_HYPERCALL, HC_TLB, 2, VA_DATA, 1, 100),
	GUEST(OP_HYPERCALL, HC_TLB, 9, 0, 0, 0),
	GUEST(OP_HYPERCALL, HC_CACHE, 1, VA_DATA, 0x1000, 0),
	GUEST(OP_HYPERCALL, HC_CACHE, 0, VA_CODE, 0x20000, 0),
	GUEST(OP_HYPERCALL, HC_CACHE, 3, VA_CODE, 0x1000, 0),
	GUEST(OP_HYPERCALL, HC_CACHE, 2, 0, 0, 0),
	GUEST(OP_HYPERCALL, HC_CACHE, 7, 0, 0, 0),
	/* B's data leaves the VSpace: B's shadow may not keep it */
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_B, 2, 0, 0),
	GUEST(OP_LOAD, VA_DATA),
	UNMAP_DATA_B,
	GUEST(OP_LOAD, VA_DATA),
	/* 100 MiBs: more second-level shadow tables than the pool holds, so
	 * it runs dry and is emptied under the guest's feet */
	GUEST(OP_HYPERCALL, HC_SET_TTBR, GP_L1_A, 1, 0, 0),
	GUEST(OP_SWEEP, VA_SWEEP + (GP_DATA_A & 0xfffffu), SWEEP_MIBS, V_A),
	GUEST(OP_SWEEP, VA_SWEEP + (GP_DATA_A & 0xfffffu), SWEEP_MIBS, V_A),
	/* many address spaces: 900 switches, each to a key no shadow holds,
	 * more than the 255 hardware ASIDs, so the pool rolls over while the
	 * guest switches */
	GUEST(OP_SWITCH, GP_L1_A, GP_L1_B, 300, VA_OWN_L1 + 4, L1_TABLE(GP_L2_A), L1_TABLE(GP_L2_B)),
};

static int pv_mmu_processes_tlb_and_revocation(void)
{
	struct pvm_guest g;
	int failed = pvm_create(&g, processes_script,
				sizeof(processes_script) / sizeof(processes_script[0]));
	unsigned done = g.done;
	pvm_destroy(&g, 1);
	CHECK_INVARIANTS();
	CHECK(!failed);
	CHECK(done);
	const struct expect x[] = {
		{0, 0, ANY, ANY},
		MMU_ON_EXPECTED,
		{OP_LOAD, V_A, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, V_B, ANY, ANY},
		{OP_STORE, 0, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, 0x2222u, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},        /* stale, the guest's own doing */
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, V_2, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		UPCALL_DATA(0, VA_DATA, 0x80f),
		{OP_STORE, 0, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		UPCALL_DATA(0, VA_DATA, 0x007),
		{OP_LOAD, ~0u, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},
		UPCALL_DATA(0, VA_UNMAPPED, 0x005),
		{OP_LOAD, ~0u, ANY, ANY},
		{OP_LOAD, V_A, ANY, ANY},           /* mapped: seen at once */
		{OP_HYPERCALL, L4_RANGE_ERROR, 64, ANY},
		{OP_HYPERCALL, L4_INVALID_ARGUMENT, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_HYPERCALL, L4_RANGE_ERROR, 0x10000, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_HYPERCALL, L4_INVALID_ARGUMENT, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_LOAD, 0x2222u, ANY, ANY},
		{MMIO_EXIT, GP_DATA_B, VA_DATA, 0}, /* gone: an MMIO access, not B's data */
		{OP_LOAD, LOADED, ANY, ANY},
		{OP_HYPERCALL, L4_OK, ANY, ANY},
		{OP_SWEEP, 0, ANY, ANY},            /* every MiB read A's data */
		{OP_SWEEP, 0, ANY, ANY},
		{OP_SWITCH, 0, ANY, ANY},           /* no process saw the other's data */
	};
	CHECK_EQ(log_matches(&g, x, sizeof(x) / sizeof(x[0])), 0);
	return 0;
}

DEFINE_TEST_LIST(pv_mmu,
	T(pv_mmu_views_and_escapes),
	T(pv_mmu_processes_tlb_and_revocation))

#endif
