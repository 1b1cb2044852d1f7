// SPDX-License-Identifier: MIT
// tern-counter: prints the virtual counter (CNTVCT) and its frequency.
// Tern gives a guest no counter offset and native Linux's HYP stub zeroes
// CNTVOFF, so in both cases the value counts from reset: the init script
// prints it first thing, and under QEMU -icount shift=0 that is the
// instruction count since reset (one tick per 16 instructions at 62.5 MHz).
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t read_virtual_counter(void)
{
	uint64_t value;
	// Without the barrier the read may be taken early, out of program order.
	__asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(value) : : "memory");
	return value;
}

static uint32_t read_counter_frequency(void)
{
	uint32_t hz;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(hz));
	return hz;
}

int main(void)
{
	uint64_t ticks = read_virtual_counter();
	uint32_t hz = read_counter_frequency();
	if (hz == 0) {
		fprintf(stderr, "tern-counter: CNTFRQ is 0, the counter frequency is unknown\n");
		return 1;
	}
	printf("%" PRIu64 " ticks at %" PRIu32 " Hz\n", ticks, hz);
	return 0;
}
