/* SPDX-License-Identifier: MIT */
/* The bench device: a page of guest MMIO that does no work, so that an
 * access to it costs exactly one exit's round trip (guests/exitbench).
 * Present only when the guest's DTB has a node compatible with
 * "tern,bench-device"; its address is fixed (GUEST_BENCH_BASE).
 *
 * Beside the null register it gives the exit benchmark what it cannot do
 * alone: an interrupt the VMM injects (an edge on BENCH_IRQ through the
 * emulated distributor), and a VMM thread below the guest's priority that,
 * once armed, takes the CPU when the guest next blocks, unloads the guest's
 * VCPU (reading one of its registers, as a VMM does) and stays busy, so
 * that the guest's virtual timer must be fired by the kernel's deadline
 * timer instead of the hardware's. */
#ifndef VMM_BENCH_DEVICE_H
#define VMM_BENCH_DEVICE_H

#include <l4/l4.h>
#include <tern/types.h>
#include "vgic_dist.h"

#define BENCH_NULL 0x0u       /* reads 0, writes ignored */
#define BENCH_VMM_CYCLES 0x4u /* read: the VMM's instructions on exits so far */
#define BENCH_RAISE 0x8u      /* write: an edge on BENCH_IRQ */
#define BENCH_HELPER 0xcu     /* write 1: arm the helper thread; 0: end its busy spell;
			       * read: the spells that found the guest's timer armed */
#define BENCH_IRQ 44u         /* SPI 12, edge-triggered: no device of the guest's uses it */

struct bench_device {
	bool present;
	uint32_t vmm_cycles; /* the cycle counter's ticks in the exit loop */
	struct vgic_dist *dist;
	l4_cptr_t vcpu, helper_ntfn, helper_signal; /* helper_ntfn: 0 until the helper runs */
	volatile uint32_t helper_spell; /* bumped to end the helper's busy spell */
	volatile uint32_t helper_armed; /* spells that unloaded the VCPU before its deadline */
};

/* Switched on by the guest's DTB (`dtb`, `size` bytes, already checked);
 * BENCH_RAISE goes to `dist`. */
void bench_device_init(struct bench_device *b, const void *dtb, size_t size, struct vgic_dist *dist);
/* Starts the helper thread on the fresh objects `tcb` and `ntfn` (and the
 * free slot `signal_slot`), in the VMM's own CSpace and VSpace, at
 * `priority` (below the guest's); NULL or why not. */
const char *bench_device_start_helper(struct bench_device *b, l4_cptr_t tcb, l4_cptr_t ntfn,
				      l4_cptr_t signal_slot, l4_cptr_t vcpu, unsigned priority);
/* A 32-bit access at `offset`; false for any other (an abort). */
bool bench_device_read(const struct bench_device *b, uint32_t offset, unsigned size, uint32_t *value);
bool bench_device_write(struct bench_device *b, uint32_t offset, unsigned size, uint32_t value);

#endif
