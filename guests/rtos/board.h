/* SPDX-License-Identifier: MIT */
/* The machine as the device tree describes it (board.c). */
#ifndef RTOS_BOARD_H
#define RTOS_BOARD_H

#include <tern/types.h>

struct framebuffer {
	uint32_t base, size;
	uint32_t width, height, stride; /* pixels, pixels, bytes per line */
};

/* The inter-VM channel (a "tern,channel" node): memory shared with
 * another guest and the interrupt that says it has written there. */
struct channel_region {
	uint32_t base, size;   /* size 0: no channel */
	unsigned irq;          /* the peer's doorbell, an SPI's interrupt ID */
	uint32_t index;        /* this guest's number for it (the hypercall's argument) */
	uint32_t side;         /* 0 or 1: the ring it produces into */
};

struct board {
	uint32_t ram_base, ram_size;
	uint32_t uart;
	uint32_t gicd;
	uint32_t gicc;             /* the CPU interface; on a paravirtual CPU the state page */
	unsigned timer_irq;        /* the timer's interrupt ID (the virtual timer's, or PPI 27) */
	uint32_t timer_hz;         /* the paravirtual timer's frequency (0: the CPU says) */
	struct framebuffer fb;     /* size 0: no usable window */
	const char *fb_problem;    /* why there is no window, or NULL */
	struct channel_region channel;
	const char *channel_problem; /* why there is no channel, or NULL */
};

extern struct board board;

/* Reads the device tree at dtb. NULL, or what is missing or wrong that the
 * RTOS cannot run without (then only the console may work, at its
 * default address). */
const char *board_read(uint32_t dtb);

#endif
