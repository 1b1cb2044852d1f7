// SPDX-License-Identifier: MIT
/* The RTOS's boot: the machine from the device tree, the console, the
 * interrupt controller and the timer, then the threads: the self-tests
 * first, the applications once they have passed. */
#include "board.h"
#include "console.h"
#include "kernel/kernel.h"
#include "apps/apps.h"
#include "selftest.h"

#define INIT_PRIORITY 20

void rtos_main(uint32_t dtb);

static void init(void *arg)
{
	unsigned failed = selftest_run();
	say("self-tests done: %u failed", failed);
	apps_start();
}

void rtos_main(uint32_t dtb)
{
	const char *bad = board_read(dtb);
	console_init();
	if (bad) {
		say("FAIL boot: device tree at %08x: %s", dtb, bad);
		arch_halt();
	}
	say("boot: ram %08x+%08x uart %08x gicd %08x gicc %08x timer irq %u, counter %u Hz",
	    board.ram_base, board.ram_size, board.uart, board.gicd, board.gicc, board.timer_irq,
	    arch_timer_frequency());
	if (board.fb_problem)
		say("no display window: %s", board.fb_problem);
	else
		say("display window %ux%u stride %u at %08x", board.fb.width, board.fb.height,
		    board.fb.stride, board.fb.base);
	sched_init();
	if ((bad = arch_gic_init(board.gicd, board.gicc)) || (bad = time_init(board.timer_irq))) {
		say("FAIL boot: %s", bad);
		arch_halt();
	}
	if (!thread_create("init", INIT_PRIORITY, init, NULL)) {
		say("FAIL boot: no room for the init thread");
		arch_halt();
	}
	kernel_start();
}
