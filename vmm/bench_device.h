/* SPDX-License-Identifier: MIT */
/* The bench device: a page of guest MMIO that does no work, so that an
 * access to it costs exactly one exit's round trip (guests/exitbench).
 * Present only when the guest's DTB has a node compatible with
 * "tern,bench-device"; its address is fixed (GUEST_BENCH_BASE). */
#ifndef VMM_BENCH_DEVICE_H
#define VMM_BENCH_DEVICE_H

#include <tern/types.h>

#define BENCH_NULL 0x0u       /* reads 0, writes ignored */
#define BENCH_VMM_CYCLES 0x4u /* read: the VMM's instructions on exits so far */

struct bench_device {
	bool present;
	uint32_t vmm_cycles; /* the cycle counter's ticks in the exit loop */
};

/* Switched on by the guest's DTB (`dtb`, `size` bytes, already checked). */
void bench_device_init(struct bench_device *b, const void *dtb, size_t size);
/* A 32-bit access at `offset`; false for any other (an abort). */
bool bench_device_read(const struct bench_device *b, uint32_t offset, unsigned size, uint32_t *value);
bool bench_device_write(struct bench_device *b, uint32_t offset, unsigned size, uint32_t value);

#endif
