// SPDX-License-Identifier: MIT
/* The exit benchmark: a bare-metal guest under the real VMM that times its
 * own exits with the cycle counter (executed instructions under QEMU
 * -icount shift=0; the bench kernel leaves the counter to every thread,
 * CONFIG_USER_CYCLE_COUNTER). Each row is a loop of ROUNDS exits to the
 * VMM's null bench device or its PSCI; the VMM's own share comes from the
 * device's second register (the instructions the VMM spent on exits so
 * far).
 *
 * The interrupt rows time from a cause to the guest's IRQ handler (its
 * timestamp, start.S): an edge the VMM's bench device raises (from the
 * store that asks for it), and the virtual timer (from its deadline). A
 * deadline is a count of the virtual counter, which ticks once per
 * ns_per_tick instructions under -icount shift=0 (both clocks are QEMU's
 * virtual time); calibrate() finds the cycle count of a tick to within an
 * instruction, so a deadline converts to the cycle count it fell on.
 *
 * Prints 'EXIT row total vmm guest' per row (per round, rounded) and
 * 'CHECK what value' for what the script verifies, on the emulated PL011,
 * then powers off. */
#include <stdint.h>

#define UART_BASE 0x1c090000u   /* vmm/guest_map.h: GUEST_UART_BASE */
#define UART_DR 0x000u
#define UART_CR 0x030u
#define UART_ENABLE 0x301u      /* UARTEN, TXE, RXE */
#define BENCH_BASE 0x1c0f0000u  /* vmm/guest_map.h: GUEST_BENCH_BASE */
#define BENCH_NULL 0x0u         /* reads 0, writes ignored */
#define BENCH_VMM_CYCLES 0x4u   /* the VMM's instructions on exits so far */
#define BENCH_RAISE 0x8u        /* write: the VMM raises BENCH_IRQ */
#define BENCH_HELPER 0xcu       /* write 1/0: arm/release the VMM's helper thread */
#define BENCH_IRQ 44u           /* vmm/bench_device.h */
#define GICD_BASE 0x2c001000u   /* GUEST_GICD_BASE: the VMM's emulation */
#define GICD_CTLR 0x000u
#define GICD_ISENABLER 0x100u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR 0x800u
#define GICD_ICFGR 0xc00u
#define GICC_BASE 0x2c002000u   /* GUEST_GICC_BASE: the hardware's virtual CPU interface */
#define GICC_CTLR 0x000u
#define GICC_PMR 0x004u
#define GICC_IAR 0x00cu
#define GICC_EOIR 0x010u
#define GIC_ID_MASK 0x3ffu
#define VTIMER_IRQ 27u
#define TIMER_AHEAD 1024u       /* ticks: past the guest's WFI and the helper's unload */
#define PSCI_VERSION 0x84000000u
#define PSCI_SYSTEM_OFF 0x84000008u
#define ROUNDS 1000u

void loop_load(volatile uint32_t *reg, unsigned unused, unsigned rounds);
void loop_store(volatile uint32_t *reg, unsigned unused, unsigned rounds);
void loop_hvc(uint32_t function, unsigned unused, unsigned rounds);
uint32_t store_stamped(volatile uint32_t *reg);
uint32_t wfi_stamped(void);
void wfi_until(volatile uint32_t *count, uint32_t seen);
void counter_edge(uint32_t out[2]);
void exitbench_main(void);

/* written by the IRQ handler (start.S) */
extern volatile uint32_t irq_cycles, irq_id, irq_count;
volatile uint32_t irq_cycles, irq_id, irq_count;

static inline void mmio_write(uint32_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

static inline uint32_t mmio_read(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline uint32_t cycles(void)
{
	uint32_t v;
	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v) : : "memory");
	return v;
}

static void put_string(const char *s)
{
	for (; *s; s++)
		mmio_write(UART_BASE + UART_DR, (uint8_t)*s);
}

static void put_unsigned(uint32_t v)
{
	char buf[12];
	unsigned n = sizeof(buf);
	buf[--n] = 0;
	do
		buf[--n] = (char)('0' + v % 10);
	while ((v /= 10) && n);
	put_string(&buf[n]);
}

static inline uint64_t counter(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTVCT */
	return (uint64_t)hi << 32 | lo;
}

static inline uint32_t counter_frequency(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v)); /* CNTFRQ */
	return v;
}

static inline void timer_arm(uint64_t deadline)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14\n\t"   /* CNTV_CVAL */
			 "mcr p15, 0, %2, c14, c3, 1\n\t" /* CNTV_CTL: ENABLE */
			 "isb"
			 : : "r"((uint32_t)deadline), "r"((uint32_t)(deadline >> 32)), "r"(1u)
			 : "memory");
}

static inline void timer_off(void)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(0u) : "memory");
}

static inline void irqs_on(void)
{
	__asm__ volatile("cpsie i" : : : "memory");
}

static inline void irqs_off(void)
{
	__asm__ volatile("cpsid i" : : : "memory");
}

static void put_check(const char *what, uint32_t value)
{
	put_string("CHECK ");
	put_string(what);
	put_string(" ");
	put_unsigned(value);
	put_string("\n");
}

static uint32_t per_round(uint32_t total)
{
	return (total + ROUNDS / 2) / ROUNDS;
}

enum loop_kind { LOAD, STORE, HVC };

static void put_row(const char *name, uint32_t total, uint32_t vmm, unsigned guest_per_round)
{
	put_string("EXIT ");
	put_string(name);
	put_string(" ");
	put_unsigned(per_round(total));
	put_string(" ");
	put_unsigned(per_round(vmm));
	put_string(" ");
	put_unsigned(guest_per_round);
	put_string("\n");
}

/* One row: the loop's instructions per round, and the VMM's share. */
static void row(const char *name, enum loop_kind kind, unsigned guest_per_round)
{
	uint32_t vmm_before = mmio_read(BENCH_BASE + BENCH_VMM_CYCLES);
	uint32_t start = cycles();
	switch (kind) {
	case LOAD:
		loop_load((volatile uint32_t *)(BENCH_BASE + BENCH_NULL), 0, ROUNDS);
		break;
	case STORE:
		loop_store((volatile uint32_t *)(BENCH_BASE + BENCH_NULL), 0, ROUNDS);
		break;
	case HVC:
		loop_hvc(PSCI_VERSION, 0, ROUNDS);
		break;
	}
	uint32_t total = cycles() - start;
	uint32_t vmm = mmio_read(BENCH_BASE + BENCH_VMM_CYCLES) - vmm_before;
	put_row(name, total, vmm, guest_per_round);
}

/* ---- interrupts */
static uint32_t ns_per_tick, tick_cycles; /* cycle count of tick t: t * ns_per_tick + tick_cycles */
static uint32_t bad_irqs;                   /* an unexpected interrupt, or one before its cause */

/* The cycle count of a counter tick: counter_edge's count less its two
 * instructions after the read that saw the tick, less one more for the
 * middle of the three the tick could have come in. */
static uint32_t calibrate(void)
{
	uint32_t edge[2];
	counter_edge(edge);
	return edge[1] - 3 - edge[0] * ns_per_tick;
}

static void gic_init(void)
{
	mmio_write(GICD_BASE + GICD_ICFGR + BENCH_IRQ / 16 * 4, 2u << (BENCH_IRQ % 16 * 2)); /* edge */
	mmio_write(GICD_BASE + GICD_IPRIORITYR + BENCH_IRQ / 4 * 4, 0xa0a0a0a0u);
	mmio_write(GICD_BASE + GICD_ITARGETSR + BENCH_IRQ / 4 * 4, 0x01010101u);
	mmio_write(GICD_BASE + GICD_ISENABLER, 1u << VTIMER_IRQ);
	mmio_write(GICD_BASE + GICD_ISENABLER + BENCH_IRQ / 32 * 4, 1u << (BENCH_IRQ % 32));
	mmio_write(GICD_BASE + GICD_CTLR, 1);
	mmio_write(GICC_BASE + GICC_PMR, 0xf8);
	mmio_write(GICC_BASE + GICC_CTLR, 1);
}

/* The VMM raises the bench device's edge: from the store that asks for it
 * to the handler. */
static void row_virq(void)
{
	uint32_t vmm_before = mmio_read(BENCH_BASE + BENCH_VMM_CYCLES), total = 0;
	irqs_on();
	for (unsigned i = 0; i < ROUNDS; i++) {
		uint32_t seen = irq_count;
		uint32_t at = store_stamped((volatile uint32_t *)(BENCH_BASE + BENCH_RAISE));
		while (irq_count == seen)
			;
		if ((irq_id & GIC_ID_MASK) != BENCH_IRQ || irq_count != seen + 1)
			bad_irqs++;
		total += irq_cycles - at;
	}
	irqs_off();
	uint32_t vmm = mmio_read(BENCH_BASE + BENCH_VMM_CYCLES) - vmm_before;
	/* the store, the vector's branch, the handler's push */
	put_row("virq", total, vmm, 3);
}

enum timer_wait {
	SPIN,        /* interrupts on, the guest busy */
	WFI,         /* in WFI with interrupts masked, then unmasked: an OS's idle loop */
	WFI_HELPER,  /* the same, while the VMM's helper unloads the VCPU and is busy */
	WFI_MASKED,  /* to the instruction after WFI, interrupts masked throughout */
};

/* The virtual timer: from its deadline to the guest's handler (or, for
 * WFI_MASKED, the instruction after WFI). */
static void row_timer(const char *name, enum timer_wait wait, unsigned guest)
{
	uint32_t total = 0;
	for (unsigned i = 0; i < ROUNDS; i++) {
		if (wait == WFI_HELPER)
			mmio_write(BENCH_BASE + BENCH_HELPER, 1);
		uint32_t seen = irq_count, at;
		uint64_t deadline = counter() + TIMER_AHEAD;
		timer_arm(deadline);
		if (wait == WFI_MASKED) {
			at = wfi_stamped();
			uint32_t id = mmio_read(GICC_BASE + GICC_IAR);
			timer_off();
			if ((id & GIC_ID_MASK) != VTIMER_IRQ)
				bad_irqs++;
			else
				mmio_write(GICC_BASE + GICC_EOIR, id);
		} else {
			if (wait == SPIN) {
				irqs_on();
				while (irq_count == seen)
					;
				irqs_off();
			} else {
				wfi_until(&irq_count, seen);
			}
			at = irq_cycles;
			if ((irq_id & GIC_ID_MASK) != VTIMER_IRQ || irq_count != seen + 1)
				bad_irqs++;
		}
		uint32_t late = at - ((uint32_t)deadline * ns_per_tick + tick_cycles);
		if ((int32_t)late < 0)
			bad_irqs++;
		total += late;
	}
	if (wait == WFI_HELPER)
		mmio_write(BENCH_BASE + BENCH_HELPER, 0);
	put_row(name, total, 0, guest);
}

void exitbench_main(void)
{
	mmio_write(UART_BASE + UART_CR, UART_ENABLE);
	put_string("exitbench: ");
	put_unsigned(ROUNDS);
	put_string(" exits per row\n");
	/* each loop once first: the measured runs find their code translated
	 * and the VMM's path warm, as in a steady state */
	loop_load((volatile uint32_t *)(BENCH_BASE + BENCH_NULL), 0, 10);
	row("mmio_load", LOAD, 3);
	row("mmio_store", STORE, 3);
	row("hvc", HVC, 4);

	gic_init();
	ns_per_tick = 1000000000u / counter_frequency();
	tick_cycles = calibrate();
	row_virq();
	/* the vector's branch and the push; after WFI also the unmasking */
	row_timer("vtimer_spin", SPIN, 2);
	row_timer("vtimer_wfi", WFI, 3);
	row_timer("vtimer_unloaded", WFI_HELPER, 3);
	row_timer("wfi_wake", WFI_MASKED, 0);
	uint32_t drift = calibrate() - tick_cycles;
	put_check("ns_per_tick", ns_per_tick);
	put_check("clock_drift", (uint32_t)((int32_t)drift < 0 ? -(int32_t)drift : (int32_t)drift));
	put_check("bad_irqs", bad_irqs);
	put_check("helper_armed", mmio_read(BENCH_BASE + BENCH_HELPER));
	put_string("EXIT done\n");
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;
	__asm__ volatile("hvc #0" : "+r"(r0) : : "memory");
}
