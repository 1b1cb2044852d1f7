// SPDX-License-Identifier: MIT
/* The exit benchmark on the A9 (SVC kernel, paravirtualized VCPU, guest
 * MMU off), as a root task: it builds the guest of guest.S and is its VMM,
 * a minimal exit loop (the real VMM does not run on the A9 yet). Prints
 * 'EXIT row total vmm guest' and 'CHECK what value' lines for
 * tests/bench/exit.py, in executed instructions under QEMU -icount shift=0.
 *
 * The clock is the motherboard's SP804 (1,000 instructions a tick; the
 * global timer's page holds the GIC CPU interface, which no user thread
 * may map), read by the guest through a read-only device mapping and by
 * the VMM through its own. Two kinds of figure:
 * - a row's period: the clock around EXIT_ROUNDS rounds, over the rounds
 *   (off by at most 2,000 / 20,000 = 0.1 before rounding);
 * - a short interval (a read before the event and one after it, in the
 *   same round), summed over the rounds. Each read quantises, but if the
 *   round's period is coprime to 10 the rounds of every 1,000 start at each
 *   of the tick's 1,000 phases once, and then the ticks the intervals
 *   cross add up to exactly their length in instructions. So each row is
 *   run again with one instruction more a round (the guest's pad) until its
 *   period is coprime to 10; the pad is left out of the figures.
 * The VMM's share of an exit is such an interval: its clock read after
 * the receive to the one before its reply. */
#include <l4/l4.h>
#include <l4/pv.h>
#include "exit_svc.h"

#define WINDOW 0x40000000u             /* the root task's free range */
#define STAGING (WINDOW + 0x10000u)
#define CLOCK_VADDR (WINDOW + 0x20000u)
#define SP804_PADDR 0x10011000ull      /* vexpress motherboard timer01 */
#define SP804_LOAD 0
#define SP804_VALUE 1
#define SP804_CONTROL 2
#define SP804_ON_32BIT 0x82u           /* enabled, free running, 32-bit, no prescale */
#define INSTRUCTIONS_PER_TICK 1000u
#define HVC_ANSWER 0x10000u            /* what the VMM gives a call (a PSCI version's shape) */

extern const char exit_svc_guest[], exit_svc_guest_end[];

static struct l4_allocator allocator;
static volatile unsigned *clock_count; /* counts down */

/* The guest's instructions a round, besides the pad, for the loop rows
 * (guest.S: the exiting instruction, its setup, the loop's subs and bne). */
static const struct {
	const char *name;
	unsigned guest;
} loop_rows[] = {
	[ROW_HYPERCALL] = {"hypercall", 5}, /* mov r0, movw r12, svc, subs, bne */
	[ROW_HVC] = {"hvc", 5},
	[ROW_MMIO_LOAD] = {"mmio_load", 3}, /* ldr, subs, bne */
	[ROW_MMIO_STORE] = {"mmio_store", 3},
};
/* The upcall row's round besides the pad, the upcall and the return: the
 * user's clock read and its b, the entry's clock read and its eleven
 * instructions before HC_RETURN's svc (guest.S, upcall_syscall). */
#define UPCALL_ROUND_GUEST 14u

static l4_cptr_t make(unsigned type)
{
	l4_cptr_t s = l4_alloc_object(&allocator, type, 0);
	if (!s)
		l4_printf("exitbench: retype of type %u failed: error %d\n", type,
			  allocator.last_error);
	return s;
}

static unsigned per_round(unsigned ticks)
{
	return (ticks * INSTRUCTIONS_PER_TICK + EXIT_ROUNDS / 2) / EXIT_ROUNDS;
}

static void put_row(const char *name, unsigned total, unsigned vmm, unsigned guest)
{
	l4_printf("EXIT %s %u %u %u\n", name, total, vmm, guest);
}

/* The VMM's state across exits: its own intervals since the last report,
 * the pad index of the row being tried, and what the checks count. */
static unsigned vmm_ticks, pad_index = PAD_MAX, not_coprime, inexact;
static unsigned wrong_upcalls; /* rows whose guest took other than one upcall a round, or any */
/* A kernel tick inside a row shifts its rounds' phases against the clock
 * (the sums are then off by a tick in 20,000 rounds): the row runs again,
 * at most this many times. Ticks come every 100 M instructions, a row
 * takes some 20 M: one retry is nearly always enough. */
#define INEXACT_RETRIES 3u
static unsigned retries;
static l4_cptr_t guest_tcb;

/* A report (exit_svc.h): the row's figures, or another try with a longer
 * round. Returns the reply's r0. */
static unsigned report(unsigned row, unsigned start, unsigned end, unsigned interval_ticks)
{
	unsigned period = per_round(start - end), pad = 1 + PAD_MAX - pad_index;
	unsigned vmm = per_round(vmm_ticks), vmm_ticks_row = vmm_ticks;
	vmm_ticks = 0;
	if (period % 2 == 0 || period % 5 == 0) {
		if (pad_index > 0)
			return pad_index--; /* one nop more: the guest's next index is pad_index */
		not_coprime++;
	}
	unsigned current_index = pad_index;
	pad_index = PAD_MAX;
	/* the guest counts its upcalls in lr: one a round in the rows that
	 * time one, none elsewhere */
	unsigned regs[L4_REG_COUNT] = {0}, upcall_rows = row == ROW_UPCALL || row == ROW_VIRQ ||
							  row == ROW_TIMER_PAST;
	if (l4_tcb_read_all_registers(guest_tcb, regs) ||
	    regs[L4_REG_LR] != (upcall_rows ? EXIT_ROUNDS : 0u)) {
		l4_printf("exitbench: row %u: %u upcalls in %u rounds\n", row, regs[L4_REG_LR],
			  EXIT_ROUNDS);
		wrong_upcalls++;
	}
	/* an exact sum of intervals is a whole number of instructions a round */
	if (interval_ticks * INSTRUCTIONS_PER_TICK % EXIT_ROUNDS ||
	    vmm_ticks_row * INSTRUCTIONS_PER_TICK % EXIT_ROUNDS) {
		if (retries < INEXACT_RETRIES) {
			retries++;
			l4_printf("ROW %u: intervals %u, VMM %u ticks: not exact (a kernel tick "
				  "in the row), run again\n", row, interval_ticks, vmm_ticks_row);
			pad_index = current_index;
			return 1 + current_index;
		}
		inexact++;
	}
	retries = 0;
	l4_printf("ROW %u: period %u (pad %u), intervals %u, VMM %u (ticks)\n", row, period, pad,
		  interval_ticks, vmm_ticks_row);
	unsigned interval = per_round(interval_ticks), upcall;
	switch (row) {
	case ROW_CLOCK:
		l4_printf("CHECK clock_step %u\n", interval);
		break;
	case ROW_HYPERCALL:
	case ROW_HVC:
	case ROW_MMIO_LOAD:
	case ROW_MMIO_STORE:
		put_row(loop_rows[row].name, period - pad, vmm, loop_rows[row].guest);
		break;
	case ROW_UPCALL:
		/* strictly between the two reads: the svc and the kernel's upcall */
		upcall = interval - 1;
		put_row("upcall", upcall, 0, 1);
		/* the rest of the round, less the guest's own: HC_RETURN's svc and
		 * the kernel's return to guest user */
		put_row("return_user", period - pad - UPCALL_ROUND_GUEST - upcall, 0, 1);
		break;
	case ROW_VIRQ:
		/* the store, its exit, the VMM injecting, the kernel's reply and
		 * the upcall */
		put_row("virq", interval - 1, vmm, 1);
		break;
	case ROW_TIMER_PAST:
		/* the svc, the kernel's timer list and injection, the upcall */
		put_row("pvtimer_past", interval - 1, 0, 1);
		break;
	}
	return 0;
}

/* The minimal VMM: MMIO loads read 0, stores are dropped, a store to
 * MMIO_RAISE injects BENCH_VIRQ (edge), calls get HVC_ANSWER in r0; the
 * reports are not timed. Returns when the guest is done or stops. */
static void vmm_loop(l4_cptr_t ep, l4_cptr_t vcpu)
{
	struct l4_msg m = {0};
	m.word = ep;
	l4_sys_recv(&m);
	for (;;) {
		unsigned start = *clock_count;
		unsigned hsr = m.mr[1], actions = 0, value = 0, timed = 1;
		if (l4_msginfo_label(m.info) != L4_FAULT_VM_EXIT) {
			l4_printf("guest stopped: label %u pc %x status %x\n",
				  l4_msginfo_label(m.info), m.mr[0], m.mr[2]);
			return;
		}
		if (L4_HSR_EC(hsr) == L4_EC_DATA_ABORT) {
			actions = L4_VM_REPLY_STEP;
			if (!L4_HSR_DABT_WRITE(hsr))
				actions |= L4_VM_REPLY_SET;
			else if (m.mr[2] == GUEST_MMIO + MMIO_RAISE)
				l4_vcpu_inject_irq(vcpu, BENCH_VIRQ, 0xa0, 0);
		} else if (L4_HSR_EC(hsr) == L4_EC_HVC && (m.mr[2] & ~0xffu) == REPORT) {
			unsigned row = m.mr[2] & 0xffu;
			if (row == ROW_DONE)
				return;
			timed = 0;
			actions = L4_VM_REPLY_SET;
			value = report(row, m.mr[3], m.mr[4], m.mr[5]);
		} else if (L4_HSR_EC(hsr) == L4_EC_HVC) {
			actions = L4_VM_REPLY_SET;
			value = HVC_ANSWER;
		} else {
			l4_printf("guest stopped: exit class %x at pc %x\n", L4_HSR_EC(hsr), m.mr[0]);
			return;
		}
		m.word = ep;
		m.info = l4_msginfo(0, 0, 0, 2);
		m.mr[0] = actions;
		m.mr[1] = value;
		if (timed)
			vmm_ticks += start - *clock_count;
		l4_sys_reply_recv(&m);
	}
}

/* The SP804, free running, for the VMM and (a read-only copy of the cap)
 * the guest. */
static l4_cptr_t clock_start(void)
{
	l4_cptr_t frame = l4_alloc_device_frame(&allocator, SP804_PADDR);
	l4_cptr_t copy = l4_alloc_slot(&allocator);
	if (!frame || !copy ||
	    l4_frame_map(frame, L4_CAP_INIT_VSPACE, CLOCK_VADDR, L4_RIGHTS_ALL, L4_FRAME_UNCACHED) ||
	    l4_cnode_copy(L4_CAP_INIT_CNODE, copy, frame, L4_RIGHT_READ))
		return 0;
	volatile unsigned *regs = (volatile unsigned *)(CLOCK_VADDR + (SP804_PADDR & 0xfff));
	regs[SP804_CONTROL] = 0;
	regs[SP804_LOAD] = 0xffffffffu;
	regs[SP804_CONTROL] = SP804_ON_32BIT;
	clock_count = &regs[SP804_VALUE];
	return copy;
}

/* The guest: its code, state page and stack in one page table's range,
 * the clock in another's; the MMIO window unmapped. */
static int guest_start(l4_cptr_t clock, l4_cptr_t *ep_out, l4_cptr_t *vcpu_out)
{
	l4_cptr_t vspace = make(L4_OBJ_GUEST_VSPACE), pt = make(L4_OBJ_PAGE_TABLE),
		  clock_pt = make(L4_OBJ_PAGE_TABLE), code = make(L4_OBJ_FRAME_4K),
		  state = make(L4_OBJ_FRAME_4K), stack = make(L4_OBJ_FRAME_4K),
		  vcpu = make(L4_OBJ_VCPU), tcb = make(L4_OBJ_TCB), ep = make(L4_OBJ_ENDPOINT);
	if (!vspace || !pt || !clock_pt || !code || !state || !stack || !vcpu || !tcb || !ep)
		return -1;
	unsigned size = (unsigned)(exit_svc_guest_end - exit_svc_guest);
	if (size > L4_PAGE_SIZE ||
	    l4_frame_map(code, L4_CAP_INIT_VSPACE, STAGING, L4_RIGHTS_ALL, 0))
		return -1;
	for (unsigned i = 0; i < size; i++)
		((char *)STAGING)[i] = exit_svc_guest[i];
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = GUEST_CODE;
	regs[L4_REG_SP] = GUEST_STACK_TOP;
	regs[L4_REG_R0] = GUEST_STATE;
	regs[L4_REG_R1] = GUEST_MMIO;
	regs[L4_REG_R2] = GUEST_CLOCK + (SP804_PADDR & 0xfff) + 4 * SP804_VALUE;
	regs[L4_REG_CPSR] = 0x13; /* guest-kernel mode */
	int err;
	if ((err = l4_frame_unmap(code)) || (err = l4_frame_clean(code, 0, L4_PAGE_SIZE)) ||
	    (err = l4_page_table_map(pt, vspace, GUEST_CODE)) ||
	    (err = l4_page_table_map(clock_pt, vspace, GUEST_CLOCK)) ||
	    (err = l4_frame_map(code, vspace, GUEST_CODE, L4_RIGHT_READ, L4_FRAME_EXECUTABLE)) ||
	    (err = l4_frame_map(state, vspace, GUEST_STATE, L4_RIGHT_READ | L4_RIGHT_WRITE, 0)) ||
	    (err = l4_frame_map(stack, vspace, GUEST_STACK_TOP - L4_PAGE_SIZE,
				L4_RIGHT_READ | L4_RIGHT_WRITE, 0)) ||
	    (err = l4_frame_map(clock, vspace, GUEST_CLOCK, L4_RIGHT_READ, L4_FRAME_UNCACHED)) ||
	    (err = l4_vcpu_set_state_page(vcpu, state)) || (err = l4_vcpu_set_tcb(vcpu, tcb)) ||
	    (err = l4_tcb_configure(tcb, L4_CAP_INIT_CNODE, vspace, ep, 0)) ||
	    (err = l4_tcb_set_priority(tcb, 255, L4_CAP_INIT_TCB)) ||
	    (err = l4_tcb_write_all_registers(tcb, regs, L4_REG_COUNT, 1))) {
		l4_printf("exitbench: cannot build the guest: error %d\n", err);
		return -1;
	}
	guest_tcb = tcb;
	*ep_out = ep;
	*vcpu_out = vcpu;
	return 0;
}

int main(void *arg)
{
	l4_alloc_init(&allocator, arg);
	allocator.vspace_id_pool = l4_alloc_vspace_id_pool(&allocator, L4_CAP_VSPACE_ID_CONTROL);
	l4_printf("exitbench: %u rounds a row, SP804 ticks x %u = executed instructions under "
		  "-icount; the VMM is this root task's minimal exit loop\n", EXIT_ROUNDS,
		  INSTRUCTIONS_PER_TICK);
	l4_cptr_t window_pt = make(L4_OBJ_PAGE_TABLE), clock, ep, vcpu;
	if (!window_pt || l4_page_table_map(window_pt, L4_CAP_INIT_VSPACE, WINDOW) ||
	    !(clock = clock_start()) || guest_start(clock, &ep, &vcpu)) {
		l4_printf("exitbench: cannot set up (error %d)\n", allocator.last_error);
		return 1;
	}
	vmm_loop(ep, vcpu);
	l4_printf("CHECK not_coprime %u\nCHECK inexact %u\nCHECK wrong_upcalls %u\n", not_coprime,
		  inexact, wrong_upcalls);
	l4_printf("EXIT done\n");
	return 0;
}
