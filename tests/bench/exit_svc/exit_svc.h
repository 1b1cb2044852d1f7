/* SPDX-License-Identifier: MIT */
/* What the A9's exit benchmark guest (guest.S) and its minimal VMM
 * (main.c) agree on: the guest's memory, its report calls and the rows.
 * Included by assembly: numbers only. */
#ifndef TESTS_BENCH_EXIT_SVC_H
#define TESTS_BENCH_EXIT_SVC_H

/* Rounds per row: a multiple of 1,000 (the SP804's instructions per tick),
 * so that rounds whose period is coprime to 10 start at every phase of the
 * tick equally often and a sum of short intervals is exact (main.c). */
#define EXIT_ROUNDS 20000

#define GUEST_CODE 0x40000000   /* guest-physical = virtual: the guest MMU is off */
#define GUEST_STATE 0x40001000  /* the shared state page */
#define GUEST_STACK_TOP 0x40003000
#define GUEST_MMIO 0x50000000   /* nothing mapped: every access is an MMIO exit */
#define GUEST_CLOCK 0x60000000  /* the SP804's page, read-only */

#define MMIO_NULL 0x0           /* reads 0, writes ignored */
#define MMIO_RAISE 0x8          /* a write: the VMM injects BENCH_VIRQ */
#define BENCH_VIRQ 44           /* the A15 bench device's interrupt (vmm/bench_device.h) */

/* A report is an HC_VMM_CALL with r0 = REPORT | row, r1 and r2 the clock
 * before and after the row's rounds, r3 the sum of its short intervals (in
 * ticks); the reply's r0 is 0 to go on, or 1 + the pad index to run the
 * row again with (a longer round). */
#define REPORT 0x5200
#define ROW_CLOCK 0        /* two clock reads back to back: the interval is 1 */
#define ROW_HYPERCALL 1
#define ROW_HVC 2
#define ROW_MMIO_LOAD 3
#define ROW_MMIO_STORE 4
#define ROW_UPCALL 5       /* also gives return_user */
#define ROW_VIRQ 6
#define ROW_TIMER_PAST 7   /* HC_TIMER_SET of a deadline already past */
#define ROW_DONE 0xff

#define PAD_MAX 3          /* the pad sled: 1 + (PAD_MAX - index) instructions */

#endif
