// SPDX-License-Identifier: MIT
/* The exit benchmark: a bare-metal guest under the real VMM that times its
 * own exits with the cycle counter (executed instructions under QEMU
 * -icount shift=0; the bench kernel leaves the counter to every thread,
 * CONFIG_USER_CYCLE_COUNTER). Each row is a loop of ROUNDS exits to the
 * VMM's null bench device or its PSCI; the VMM's own share comes from the
 * device's second register (the instructions the VMM spent on exits so
 * far). Prints 'EXIT row total vmm guest' per row (per exit, rounded) on
 * the emulated PL011, then powers off. */
#include <stdint.h>

#define UART_BASE 0x1c090000u   /* vmm/guest_map.h: GUEST_UART_BASE */
#define UART_DR 0x000u
#define UART_CR 0x030u
#define UART_ENABLE 0x301u      /* UARTEN, TXE, RXE */
#define BENCH_BASE 0x1c0f0000u  /* vmm/guest_map.h: GUEST_BENCH_BASE */
#define BENCH_NULL 0x0u         /* reads 0, writes ignored */
#define BENCH_VMM_CYCLES 0x4u   /* the VMM's instructions on exits so far */
#define PSCI_VERSION 0x84000000u
#define PSCI_SYSTEM_OFF 0x84000008u
#define ROUNDS 1000u

void loop_load(volatile uint32_t *reg, unsigned unused, unsigned rounds);
void loop_store(volatile uint32_t *reg, unsigned unused, unsigned rounds);
void loop_hvc(uint32_t function, unsigned unused, unsigned rounds);
void exitbench_main(void);

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

static uint32_t per_round(uint32_t total)
{
	return (total + ROUNDS / 2) / ROUNDS;
}

enum loop_kind { LOAD, STORE, HVC };

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
	put_string("EXIT done\n");
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;
	__asm__ volatile("hvc #0" : "+r"(r0) : : "memory");
}
