// SPDX-License-Identifier: MIT
/* IPC benchmarks, as a root task. Each figure is a clock's difference
 * over many repetitions divided by their number; under QEMU -icount
 * shift=0 the clock counts executed instructions (user and kernel), so the
 * figures are exact and repeatable. Prints one 'BENCH name value' line per
 * measurement for tests/bench/run.py.
 *
 * The clock: on HYP the cycle counter (one instruction per count). The
 * Cortex-A9 of QEMU's vexpress-a9 has no working cycle counter (PMCCNTR
 * reads 0), so on SVC the bench reads a timer through a device frame: the
 * MPCore global timer (100 MHz: one tick per 10 instructions) if the
 * kernel hands out its page, else SP804 timer01 on the motherboard
 * (1 MHz: one tick per 1,000 instructions). The global timer's page
 * (0x1e000000) is also the GIC CPU interface's, which the kernel keeps for
 * itself. A figure can be off by one tick per measurement, so the rounds
 * are many: 20,000 on SVC make the error at most 1,000 / 20,000 = 0.05
 * instructions per operation (the SP804), 0.0005 (the global timer). */
#include "../common/remote_space.h"

#ifdef CONFIG_ARM_SVC
#define ROUNDS 20000
#else
#define ROUNDS 2000
#endif
#define WARMUP 50
#define WINDOW 0x40000000u
#define STACK_WORDS 1024

#ifdef CONFIG_ARM_SVC
#define GLOBAL_TIMER_PADDR 0x1e000200ull /* vexpress-a9: PERIPHBASE + 0x200 */
#define SP804_PADDR 0x10011000ull        /* vexpress motherboard timer01 */
#define CLOCK_VADDR (WINDOW + 0x20000u)
static volatile unsigned *clock_counter;
static unsigned clock_scale, clock_down; /* instructions per tick; counts down */

/* Instructions (modulo 2^32) from the timer: the SP804 counts down. */
static inline unsigned bench_now(void)
{
	unsigned v = *clock_counter;
	return (clock_down ? 0u - v : v) * clock_scale;
}
#else
static inline unsigned bench_now(void)
{
	return l4_cycles();
}
#endif

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

static void report(const char *name, unsigned total, unsigned per);

#ifndef CONFIG_ARM_SVC
/* HYP only: the generic timer (interrupt latency) and guests (the exit).
 * The A9 has neither; run.py shows these rows as n/a there. */
/* Interrupt latency: the physical timer's interrupt, delivered to a
 * thread of the highest priority, measured from the timer's deadline to
 * the thread's first counter read (counter ticks: 16 instructions each
 * under -icount shift=0). The timer re-arms itself every period. */
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

#endif /* !CONFIG_ARM_SVC */

static void report(const char *name, unsigned total, unsigned per)
{
	l4_printf("BENCH %s %u\n", name, (total + per / 2) / per);
}

#ifndef CONFIG_ARM_SVC
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
			mmio_start = bench_now();
		m.word = ep;
		m.info = l4_msginfo(0, 0, 0, 2);
		m.mr[0] = L4_VM_REPLY_STEP | L4_VM_REPLY_SET;
		m.mr[1] = 0;
		l4_sys_reply_recv(&m);
	}
	mmio_end = bench_now();
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
#endif /* !CONFIG_ARM_SVC */

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
	unsigned start = bench_now();
	for (unsigned i = 0; i < ROUNDS; i++) {
		m.word = ep;
		m.info = l4_msginfo(1, 0, 0, length);
		l4_sys_call(&m);
	}
	return bench_now() - start;
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


/* Address-space switches round-robin: a ring of n threads in n address
 * spaces (the root task's and n - 1 remote ones) passes a token by
 * notifications: each waits on its own and signals the next one's, so
 * every hop is a signal, a wait and a switch of address space. Per switch;
 * n = 300 is more spaces than the A9 has ASIDs (8 bits) and the A15 VMIDs
 * (8 bits): every lap then needs new ones, and the generation rolls over. */
#define RING_MAX 300
static l4_cptr_t ring_ntfn[RING_MAX], ring_link[RING_MAX];
static unsigned ring_members = 1; /* the root task is member 0 */

REMOTE_SECTION static void ring_member(unsigned caps)
{
	struct l4_msg m;
	for (;;) {
		remote_msg_init(&m, caps >> 16);
		l4_sys_recv(&m);
		remote_msg_init(&m, caps & 0xffff);
		l4_sys_send(&m);
	}
}

static int measure_ring(unsigned n, l4_cptr_t pool)
{
	if (!ring_ntfn[0] && !(ring_ntfn[0] = make(L4_OBJ_NOTIFICATION, 0)))
		return -1;
	for (; ring_members < n; ring_members++) {
		unsigned k = ring_members;
		struct remote_space rs;
		ring_ntfn[k] = make(L4_OBJ_NOTIFICATION, 0);
		ring_link[k] = slot_alloc();
		if (!ring_ntfn[k] || !ring_link[k] ||
		    remote_space_create(&rs, untyped, slot_alloc, pool, WINDOW) ||
		    !remote_thread_start(&rs, untyped, slot_alloc, ring_member,
					 ring_ntfn[k] << 16 | ring_link[k], 255)) {
			l4_printf("bench: cannot build address space %u of the ring (error %d, "
				  "%u slots left)\n", k, rs.error, allocator.end_slot - allocator.next_slot);
			return -1;
		}
	}
	/* member k signals k + 1, the last one the root task, through a
	 * badged cap: a signal of badge 0 to a notification nobody waits on
	 * yet would be lost */
	if (!ring_link[0] && !(ring_link[0] = slot_alloc()))
		return -1;
	for (unsigned k = 0; k < n; k++) {
		l4_cnode_delete(L4_CAP_INIT_CNODE, ring_link[k]); /* empty the first time */
		if (l4_cnode_mint(L4_CAP_INIT_CNODE, ring_link[k], ring_ntfn[k + 1 < n ? k + 1 : 0],
				  L4_RIGHTS_ALL, 1))
			return -1;
	}
	unsigned laps = (ROUNDS + n - 1) / n;
	l4_signal(ring_link[0]); /* a lap to warm up: every space has run */
	l4_wait(ring_ntfn[0]);
	unsigned start = bench_now();
	for (unsigned i = 0; i < laps; i++) {
		l4_signal(ring_link[0]);
		l4_wait(ring_ntfn[0]);
	}
	unsigned total = bench_now() - start;
	char name[16] = "as_ring_";
	unsigned len = 8, digits = n >= 100 ? 3 : n >= 10 ? 2 : 1;
	for (unsigned d = digits, v = n; d; d--, v /= 10)
		name[len + d - 1] = (char)('0' + v % 10);
	name[len + digits] = 0;
	report(name, total, laps * n);
	return 0;
}

#ifdef CONFIG_ARM_SVC
/* The clock through a device frame (see the top): the global timer if the
 * kernel gives its page, else the SP804. */
static int clock_init(void)
{
	l4_cptr_t frame = l4_alloc_device_frame(&allocator, GLOBAL_TIMER_PADDR);
	unsigned offset = GLOBAL_TIMER_PADDR & 0xfff;
	clock_scale = 10; /* 100 MHz */
	if (!frame) {
		l4_printf("bench: no device frame for the global timer at 0x%x (error %d: its page "
			  "holds the GIC CPU interface); SP804 timer01 instead\n",
			  (unsigned)GLOBAL_TIMER_PADDR, allocator.last_error);
		frame = l4_alloc_device_frame(&allocator, SP804_PADDR);
		offset = SP804_PADDR & 0xfff;
		clock_scale = 1000; /* 1 MHz */
		clock_down = 1;
	}
	if (!frame || l4_frame_map(frame, L4_CAP_INIT_VSPACE, CLOCK_VADDR, L4_RIGHTS_ALL,
				   L4_FRAME_UNCACHED)) {
		l4_printf("bench: cannot map a timer: error %d\n", allocator.last_error);
		return -1;
	}
	volatile unsigned *regs = (volatile unsigned *)(CLOCK_VADDR + offset);
	if (clock_down) {
		regs[2] = 0;          /* control: off */
		regs[0] = 0xffffffff; /* load */
		regs[2] = 0x82;       /* on, 32-bit, free running, no prescale */
		clock_counter = &regs[1];
	} else {
		regs[2] |= 1; /* on (the kernel's clock: it is already) */
		clock_counter = &regs[0];
	}
	l4_printf("BENCH_CLOCK %s %u\n", clock_down ? "sp804" : "global-timer", clock_scale);
	return 0;
}
#endif

int main(void *arg)
{
	l4_alloc_init(&allocator, arg);
	allocator.vspace_id_pool = l4_alloc_vspace_id_pool(&allocator, L4_CAP_VSPACE_ID_CONTROL);
	untyped = l4_alloc_untyped(&allocator);
#ifdef CONFIG_ARM_SVC
	l4_printf("bench: %u rounds each, timer ticks x instructions per tick = executed "
		  "instructions under -icount\n", ROUNDS);
	l4_cptr_t window_pt = make(L4_OBJ_PAGE_TABLE, 0);
	if (!window_pt || l4_page_table_map(window_pt, L4_CAP_INIT_VSPACE, WINDOW) || clock_init())
		return 1;
#else
	l4_printf("bench: %u rounds each, cycle counter = executed instructions under -icount\n",
		  ROUNDS);
#endif

	/* the measurement loop itself, without a system call */
	unsigned start = bench_now();
	for (volatile unsigned i = 0; i < ROUNDS; i++)
		;
	report("empty_loop", bench_now() - start, ROUNDS);

	/* a system call that does nothing: trap entry and exit */
	l4_cptr_t idle_ntfn = make(L4_OBJ_NOTIFICATION, 0);
	start = bench_now();
	for (unsigned i = 0; i < ROUNDS; i++)
		l4_poll(idle_ntfn);
	report("null_syscall", bench_now() - start, ROUNDS);

	/* Call + ReplyRecv to a server in another address space */
#ifndef CONFIG_ARM_SVC /* on SVC the window's page table is there already */
	l4_cptr_t pd = make(L4_OBJ_PAGE_DIRECTORY, 0), pt = make(L4_OBJ_PAGE_TABLE, 0);
	l4_invoke(pd, L4_PAGE_TABLE_MAP, 2, (const unsigned[]){L4_CAP_INIT_VSPACE, WINDOW}, 0);
	l4_invoke(pt, L4_PAGE_TABLE_MAP, 2, (const unsigned[]){L4_CAP_INIT_VSPACE, WINDOW}, 0);
#endif
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
	start = bench_now();
	for (unsigned i = 0; i < ROUNDS; i++) {
		l4_signal(n1);
		l4_wait(n2);
	}
	report("signal_wait", bench_now() - start, 2 * ROUNDS);

	/* thread switch by Yield between two threads of one priority */
	l4_cptr_t yielding = local_thread(yielder, 0, 255);
	l4_yield();
	start = bench_now();
	for (unsigned i = 0; i < ROUNDS; i++)
		l4_yield();
	/* each of our Yields is answered by one of the other threads' */
	report("yield_switch", bench_now() - start, 2 * ROUNDS);
	l4_tcb_suspend(yielding); /* it would keep lower priorities from running */

#ifndef CONFIG_ARM_SVC
	if (measure_mmio_exit())
		l4_printf("bench: cannot build the guest for the exit round trip\n");
	timer_irq_line = ((const struct l4_bootinfo *)arg)->timer_irq_phys;
	if (measure_revoke_latency())
		l4_printf("bench: cannot measure the interrupt latency of a revoke\n");
#endif
	static const unsigned ring_sizes[] = {2, 16, 64, RING_MAX};
	for (unsigned i = 0; i < sizeof(ring_sizes) / sizeof(ring_sizes[0]); i++)
		if (measure_ring(ring_sizes[i], allocator.vspace_id_pool))
			break;
	l4_printf("BENCH done\n");
	return 0;
}
