// SPDX-License-Identifier: MIT
/* The hostile guest's course: read the board, note a checksum of its own
 * code and a computed value, run the campaign, report it, show it is
 * still whole (same checksum, same computation), echo one byte of console
 * input so the test can see the console still answers, and power off. */
#include "hostile.h"

#define PSCI_SYSTEM_OFF 0x84000008u
#define ECHO_TIMEOUT_MS 120000

extern char _start[], __rodata_end[];

/* FNV-1a over the image's code and read-only data: the campaign's stores
 * must not have reached them. */
static uint32_t image_checksum(void)
{
	uint32_t h = 2166136261u;
	for (const volatile uint8_t *p = (const uint8_t *)_start; p < (const uint8_t *)__rodata_end; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Work with a known result: the CPU still computes what it did before. */
static uint32_t computation(void)
{
	uint64_t saved = rng_save();
	rng_seed(0x5eed);
	uint32_t x = 0;
	for (unsigned i = 0; i < 20000; i++)
		x = (x << 5 | x >> 27) ^ rng_next();
	rng_seed(saved);
	return x;
}

static void power_off(void)
{
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;
	__asm__ volatile("hvc #0" : "+r"(r0)::"r1", "r2", "r3", "memory");
}

static uint32_t checksum_before, computed_before;

/* The end of every run: the report, the guest's own health, one echoed
 * console byte, power off. */
static __attribute__((noreturn)) void finish(bool completed)
{
	campaign_report();
	if (completed)
		say("campaign done seed=%u actions=%u", board.seed, board.actions);
	else
		say("campaign stopped seed=%u at action %u of %u", board.seed, campaign_position(),
		    board.actions);

	uint32_t checksum = image_checksum(), computed = computation();
	if (checksum != checksum_before || computed != computed_before)
		say("DAMAGED: checksum %08x (was %08x), computation %08x (was %08x)", checksum,
		    checksum_before, computed, computed_before);
	else
		say("alive checksum=%08x computation=%08x", checksum, computed);

	say("waiting for a console byte");
	int c = console_wait_byte(ECHO_TIMEOUT_MS);
	if (c < 0)
		say("no console input in %u s", ECHO_TIMEOUT_MS / 1000);
	else
		say("echo 0x%02x", (unsigned)c);
	say("powering off");
	power_off();
	say("PSCI SYSTEM_OFF returned");
	for (;;)
		__asm__ volatile("wfi");
}

void hostile_fatal(void)
{
	current_class = CLASS_NONE;
	mmu_disable();
	gic_recover();
	console_reset_uart();
	say("FATAL: prefetch abort on the guest's own code at %08x (IFSR %08x): campaign stopped",
	    hostile_fatal_pc, hostile_fatal_status);
	finish(false);
}

void hostile_main(uint32_t dtb);

void hostile_main(uint32_t dtb)
{
	board_read(dtb);
	console_reset_uart();
	say("start seed=%u actions=%u (device tree at %08x%s%s)", board.seed, board.actions, dtb,
	    board.problem ? ": " : "", board.problem ? board.problem : "");
	say("ram %08x+%08x uart %08x gicd %08x gicc %08x counter %u Hz%s", board.ram_base,
	    board.ram_size, board.uart, board.gicd, board.gicc, timer_frequency(),
	    board.trace ? " (tracing every action)" : "");

	checksum_before = image_checksum();
	computed_before = computation();
	campaign_run(board.seed, board.actions);
	finish(true);
}
