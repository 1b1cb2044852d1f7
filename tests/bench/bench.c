// SPDX-License-Identifier: MIT
/* IPC benchmarks, as a root task. Each figure is the cycle counter's
 * difference over many repetitions divided by their number; under QEMU
 * -icount shift=0 the counter counts executed instructions (user and
 * kernel), so the figures are exact and repeatable. Prints one
 * 'BENCH name value' line per measurement for tests/bench/run.py. */
#include "../common/remote_space.h"

#define ROUNDS 2000
#define WARMUP 50
#define WINDOW 0x40000000u
#define STACK_WORDS 1024

static l4_cptr_t untyped;
static struct l4_allocator allocator;
static unsigned stacks[6][STACK_WORDS] __attribute__((aligned(8)));
static unsigned next_stack;

static l4_cptr_t slot_alloc(void)
{
	return l4_alloc_slot(&allocator);
}

static l4_cptr_t make(unsigned type, unsigned bits)
{
	l4_cptr_t s = l4_alloc_object(&allocator, type, bits);
	if (!s)
		l4_printf("bench: retype of type %u failed: error %d\n", type, allocator.last_error);
	return s;
}

static l4_cptr_t local_thread(void (*fn)(unsigned), unsigned arg, unsigned prio)
{
	l4_cptr_t tcb = make(L4_OBJ_TCB, 0);
	l4_tcb_configure(tcb, L4_CAP_INIT_CNODE, L4_CAP_INIT_VSPACE, 0, 0);
	l4_tcb_set_priority(tcb, prio, L4_CAP_INIT_TCB);
	l4_tcb_write_registers(tcb, (unsigned)fn, (unsigned)&stacks[next_stack++][STACK_WORDS], arg, 1);
	return tcb;
}

/* Interrupt latency: the physical timer's interrupt, delivered to a
 * thread of the highest priority, measured from the timer's deadline to
 * the thread's first counter read (counter ticks: 16 instructions each
 * under -icount shift=0). The timer re-arms itself every period. */
static void report(const char *name, unsigned total, unsigned per);
static unsigned timer_irq_line; /* from the boot info */
#define TIMER_PERIOD_TICKS 3000u
#define REVOKE_COPIES 10000u
static l4_cptr_t timer_irq, timer_ntfn;
static volatile unsigned timer_irqs, timer_worst_ticks, timer_running;

static unsigned long long counter_now(void)
{
	unsigned lo, hi;
	__asm__ volatile("isb\n\tmrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTPCT */
	return (unsigned long long)hi << 32 | lo;
}

static unsigned long long timer_deadline(void)
{
	unsigned lo, hi;
	__asm__ volatile("mrrc p15, 2, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTP_CVAL */
	return (unsigned long long)hi << 32 | lo;
}

static void timer_arm(unsigned long long deadline)
{
	__asm__ volatile("mcrr p15, 2, %0, %1, c14" : : "r"((unsigned)deadline),
			 "r"((unsigned)(deadline >> 32)));
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" : : "r"(1u)); /* CNTP_CTL: on */
}

static void timer_thread(unsigned unused)
{
	for (;;) {
		l4_wait(timer_ntfn);
		unsigned long long now = counter_now(), deadline = timer_deadline();
		unsigned late = (unsigned)(now - deadline);
		if (late > timer_worst_ticks)
			timer_worst_ticks = late;
		timer_irqs++;
		if (timer_running)
			timer_arm(deadline + TIMER_PERIOD_TICKS);
		else
			__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" : : "r"(0u));
		l4_irq_handler_ack(timer_irq);
	}
}

static void timer_measure_start(void)
{
	timer_irqs = timer_worst_ticks = 0;
	timer_running = 1;
	timer_arm(counter_now() + TIMER_PERIOD_TICKS);
}

static unsigned timer_measure_stop(void)
{
	timer_running = 0;
	unsigned seen = timer_irqs;
	while (timer_irqs == seen) /* the last one switches it off */
		;
	return timer_worst_ticks * 16; /* instructions */
}

/* The worst interrupt latency while the root task computes (the baseline)
 * and while it revokes 10,000 copies of an endpoint cap: the revoke stops
 * at a preemption point for each interrupt. */
static int measure_revoke_latency(void)
{
	l4_cptr_t handler_slot = slot_alloc();
	const unsigned get_args[] = {timer_irq_line, L4_CAP_INIT_CNODE, handler_slot};
	timer_ntfn = make(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t copies = make(L4_OBJ_CNODE, 14), ep = make(L4_OBJ_ENDPOINT, 0);
	if (!timer_ntfn || !copies || !ep ||
	    l4_invoke(L4_CAP_IRQ_CONTROL, L4_IRQ_CONTROL_GET, 3, get_args, 0) ||
	    l4_irq_handler_set_notification(handler_slot, timer_ntfn))
		return -1;
	timer_irq = handler_slot;
	for (unsigned i = 0; i < REVOKE_COPIES; i++)
		if (l4_cnode_copy(copies, i, ep, L4_RIGHTS_ALL))
			return -1;
	local_thread(timer_thread, 0, 255);
	l4_tcb_set_priority(L4_CAP_INIT_TCB, 100, L4_CAP_INIT_TCB);

	timer_measure_start();
	for (volatile unsigned i = 0; i < 100000; i++)
		;
	report("irq_latency_idle", timer_measure_stop(), 1);

	timer_measure_start();
	int err = l4_cnode_revoke(L4_CAP_INIT_CNODE, ep);
	unsigned worst = timer_measure_stop(), during = timer_irqs;
	l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB);
	/* every copy is gone: their slots take new copies */
	if (err || l4_cnode_copy(copies, 0, ep, L4_RIGHTS_ALL) ||
	    l4_cnode_copy(copies, REVOKE_COPIES - 1, ep, L4_RIGHTS_ALL) || during < 3) {
		l4_printf("bench: revoke failed (error %d, %u interrupts during it)\n", err, during);
		return -1;
	}
	report("irq_latency_revoke", worst, 1);

	/* the same copies in the CNode again, which goes with its last cap */
	for (unsigned i = 1; i < REVOKE_COPIES - 1; i++)
		if (l4_cnode_copy(copies, i, ep, L4_RIGHTS_ALL))
			return -1;
	l4_tcb_set_priority(L4_CAP_INIT_TCB, 100, L4_CAP_INIT_TCB);
	timer_measure_start();
	err = l4_cnode_delete(L4_CAP_INIT_CNODE, copies);
	worst = timer_measure_stop(), during = timer_irqs;
	l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB);
	/* the endpoint has its one cap again: a revoke finds nothing */
	if (err || during < 3 || l4_cnode_copy(L4_CAP_INIT_CNODE, slot_alloc(), copies, L4_RIGHTS_ALL) !=
						 L4_FAILED_LOOKUP) {
		l4_printf("bench: CNode delete failed (error %d, %u interrupts during it)\n", err,
			  during);
		return -1;
	}
	report("irq_latency_cnode_delete", worst, 1);
	return 0;
}

static void report(const char *name, unsigned total, unsigned per)
{
	l4_printf("BENCH %s %u\n", name, (total + per / 2) / per);
}

/* A guest for the exit round trip: one page of code run with the MMU off;
 * r0 = an unmapped IPA, r2 = how many loads. Each load is an exit whose
 * reply (value and step) the handler thread gives; an HVC ends the run. */
__asm__(".pushsection .rodata.bench_guest, \"a\"\n"
	".balign 4\n"
	"bench_guest:\n"
	"1:	ldr	r1, [r0]\n"
	"	subs	r2, r2, #1\n"
	"	bne	1b\n"
	"	hvc	#0\n"
	"	b	.\n"
	"bench_guest_end:\n"
	".popsection\n");
extern const char bench_guest[], bench_guest_end[];

#define GUEST_CODE_IPA 0x80000000u
#define GUEST_MMIO_IPA 0x90000000u
#define GUEST_STAGING (WINDOW + 0x10000u)
static volatile unsigned mmio_exits, mmio_start, mmio_end;

/* The VMM's exit loop in miniature: completes each load with a value. */
static void mmio_handler(unsigned ep)
{
	struct l4_msg m = {0};
	m.word = ep;
	l4_sys_recv(&m);
	while (L4_HSR_EC(m.mr[1]) != L4_EC_HVC) {
		if (mmio_exits++ == WARMUP)
			mmio_start = l4_cycles();
		m.word = ep;
		m.info = l4_msginfo(0, 0, 0, 2);
		m.mr[0] = L4_VM_REPLY_STEP | L4_VM_REPLY_SET;
		m.mr[1] = 0;
		l4_sys_reply_recv(&m);
	}
	mmio_end = l4_cycles();
	m.word = ep;
	l4_sys_recv(&m); /* the guest stays in its HVC */
}

/* Per exit: from one load's exit through the handler's reply to the next
 * load's exit (the guest's loop is three instructions of it). */
static int measure_mmio_exit(void)
{
	l4_cptr_t vspace = make(L4_OBJ_GUEST_VSPACE, 0), pd = make(L4_OBJ_PAGE_DIRECTORY, 0),
		  pt = make(L4_OBJ_PAGE_TABLE, 0), frame = make(L4_OBJ_FRAME_4K, 0),
		  vcpu = make(L4_OBJ_VCPU, 0), tcb = make(L4_OBJ_TCB, 0), ep = make(L4_OBJ_ENDPOINT, 0);
	if (!vspace || !pd || !pt || !frame || !vcpu || !tcb || !ep)
		return -1;
	if (l4_frame_map(frame, L4_CAP_INIT_VSPACE, GUEST_STAGING, L4_RIGHTS_ALL, 0))
		return -1;
	for (const char *p = bench_guest; p < bench_guest_end; p++)
		((char *)GUEST_STAGING)[p - bench_guest] = *p;
	unsigned regs[L4_REG_COUNT] = {0};
	regs[L4_REG_PC] = GUEST_CODE_IPA;
	regs[L4_REG_R0] = GUEST_MMIO_IPA;
	regs[L4_REG_R2] = ROUNDS + WARMUP + 1;
	regs[L4_REG_CPSR] = 0x1d3; /* SVC, interrupts masked */
	if (l4_frame_unmap(frame) || l4_frame_clean(frame, 0, L4_PAGE_SIZE) ||
	    l4_page_table_map(pd, vspace, GUEST_CODE_IPA) ||
	    l4_page_table_map(pt, vspace, GUEST_CODE_IPA) ||
	    l4_frame_map(frame, vspace, GUEST_CODE_IPA, L4_RIGHT_READ, L4_FRAME_EXECUTABLE) ||
	    l4_vcpu_set_tcb(vcpu, tcb) || l4_tcb_configure(tcb, L4_CAP_INIT_CNODE, vspace, ep, 0) ||
	    l4_tcb_set_priority(tcb, 255, L4_CAP_INIT_TCB))
		return -1;
	local_thread(mmio_handler, ep, 255);
	l4_yield(); /* the handler waits for the first exit */
	if (l4_tcb_write_all_registers(tcb, regs, L4_REG_COUNT, 1))
		return -1;
	while (!mmio_end)
		l4_yield();
	report("mmio_exit", mmio_end - mmio_start, mmio_exits - WARMUP - 1);
	return 0;
}


/* Servers: reply to every Call with the same message. */
REMOTE_SECTION static void remote_echo(unsigned ep)
{
	struct l4_msg m;
	remote_msg_init(&m, ep);
	l4_sys_recv(&m);
	for (;;) {
		m.word = ep;
		l4_sys_reply_recv(&m);
	}
}

static void local_echo(unsigned ep)
{
	struct l4_msg m = {0};
	m.word = ep;
	l4_sys_recv(&m);
	for (;;) {
		m.word = ep;
		l4_sys_reply_recv(&m);
	}
}

static unsigned measure_calls(l4_cptr_t ep, unsigned length)
{
	struct l4_msg m = {0};
	for (unsigned i = 0; i < WARMUP; i++) {
		m.word = ep;
		m.info = l4_msginfo(1, 0, 0, length);
		l4_sys_call(&m);
	}
	unsigned start = l4_cycles();
	for (unsigned i = 0; i < ROUNDS; i++) {
		m.word = ep;
		m.info = l4_msginfo(1, 0, 0, length);
		l4_sys_call(&m);
	}
	return l4_cycles() - start;
}

static void ping(unsigned ntfns)
{
	l4_cptr_t wait_on = ntfns >> 16, signal = ntfns & 0xffff;
	for (;;) {
		l4_wait(wait_on);
		l4_signal(signal);
	}
}

static void yielder(unsigned unused)
{
	for (;;)
		l4_yield();
}

int main(void *arg)
{
	l4_alloc_init(&allocator, arg);
	allocator.vspace_id_pool = l4_alloc_vspace_id_pool(&allocator, L4_CAP_VSPACE_ID_CONTROL);
	untyped = l4_alloc_untyped(&allocator);
	l4_printf("bench: %u rounds each, cycle counter = executed instructions under -icount\n",
		  ROUNDS);

	/* the measurement loop itself, without a system call */
	unsigned start = l4_cycles();
	for (volatile unsigned i = 0; i < ROUNDS; i++)
		;
	report("empty_loop", l4_cycles() - start, ROUNDS);

	/* a system call that does nothing: trap entry and exit */
	l4_cptr_t idle_ntfn = make(L4_OBJ_NOTIFICATION, 0);
	start = l4_cycles();
	for (unsigned i = 0; i < ROUNDS; i++)
		l4_poll(idle_ntfn);
	report("null_syscall", l4_cycles() - start, ROUNDS);

	/* Call + ReplyRecv to a server in another address space */
	l4_cptr_t pd = make(L4_OBJ_PAGE_DIRECTORY, 0), pt = make(L4_OBJ_PAGE_TABLE, 0);
	l4_invoke(pd, L4_PAGE_TABLE_MAP, 2, (const unsigned[]){L4_CAP_INIT_VSPACE, WINDOW}, 0);
	l4_invoke(pt, L4_PAGE_TABLE_MAP, 2, (const unsigned[]){L4_CAP_INIT_VSPACE, WINDOW}, 0);
	struct remote_space rs;
	if (remote_space_create(&rs, untyped, slot_alloc, allocator.vspace_id_pool, WINDOW)) {
		l4_printf("bench: cannot build the second address space (error %d)\n", rs.error);
		return 1;
	}
	l4_cptr_t ep_remote = make(L4_OBJ_ENDPOINT, 0);
	remote_thread_start(&rs, untyped, slot_alloc, remote_echo, ep_remote, 255);
	report("round_trip_2as_0mr", measure_calls(ep_remote, 0), ROUNDS);
	report("round_trip_2as_4mr", measure_calls(ep_remote, 4), ROUNDS);

	/* the same within one address space */
	l4_cptr_t ep_local = make(L4_OBJ_ENDPOINT, 0);
	local_thread(local_echo, ep_local, 255);
	report("round_trip_1as_0mr", measure_calls(ep_local, 0), ROUNDS);

	/* notification signal + wait, ping-pong between two threads */
	l4_cptr_t n1 = make(L4_OBJ_NOTIFICATION, 0), n2 = make(L4_OBJ_NOTIFICATION, 0);
	local_thread(ping, n1 << 16 | n2, 255);
	l4_yield();
	start = l4_cycles();
	for (unsigned i = 0; i < ROUNDS; i++) {
		l4_signal(n1);
		l4_wait(n2);
	}
	report("signal_wait", l4_cycles() - start, 2 * ROUNDS);

	/* thread switch by Yield between two threads of one priority */
	l4_cptr_t yielding = local_thread(yielder, 0, 255);
	l4_yield();
	start = l4_cycles();
	for (unsigned i = 0; i < ROUNDS; i++)
		l4_yield();
	/* each of our Yields is answered by one of the other threads' */
	report("yield_switch", l4_cycles() - start, 2 * ROUNDS);
	l4_tcb_suspend(yielding); /* it would keep lower priorities from running */

	if (measure_mmio_exit())
		l4_printf("bench: cannot build the guest for the exit round trip\n");
	timer_irq_line = ((const struct l4_bootinfo *)arg)->timer_irq_phys;
	if (measure_revoke_latency())
		l4_printf("bench: cannot measure the interrupt latency of a revoke\n");
	l4_printf("BENCH done\n");
	return 0;
}
