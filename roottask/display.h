/* SPDX-License-Identifier: MIT */
/* The display owner: the root task holds the PL111 CLCD's registers and
 * the one framebuffer it scans out, and hands each guest its window as
 * frame caps derived from its own, so revoking them takes the window away
 * again. Only on boards whose device tree has a PL111 (BOARD_CLCD_BASE). */
#ifndef ROOTTASK_DISPLAY_H
#define ROOTTASK_DISPLAY_H

#include <l4/l4.h>
#include <tern/types.h>

/* 640x480, 32 bits a pixel as 0x00RRGGBB, lines back to back. */
#define DISPLAY_WIDTH 640u
#define DISPLAY_HEIGHT 480u
#define DISPLAY_STRIDE (DISPLAY_WIDTH * 4u)
#define DISPLAY_FRAMES (DISPLAY_STRIDE * DISPLAY_HEIGHT / L4_PAGE_SIZE)
/* What is shown where no guest has drawn (tests/demo/screenshot.py knows it). */
#define DISPLAY_BACKGROUND 0x00284878u

/* A horizontal band of the display, a whole number of frames. */
struct display_window {
	const char *owner;            /* its name: "top" or "bottom" (system.dtb says whose) */
	unsigned first_line, lines;
	l4_cptr_t first_frame;        /* its frame caps: consecutive slots of the root task */
	unsigned frames;
	unsigned long long paddr;     /* where the CLCD reads its first line */
};

enum { DISPLAY_WINDOW_TOP, DISPLAY_WINDOW_BOTTOM, DISPLAY_WINDOWS };

struct display {
	bool present;
	unsigned long long paddr;     /* the framebuffer's physical base: UPBASE */
	l4_cptr_t memory;             /* the untyped all frames come from */
	l4_cptr_t registers;          /* the CLCD's device frame */
	struct display_window window[DISPLAY_WINDOWS];
};

/* Takes the CLCD and a framebuffer, programs the mode, clears the screen.
 * Prints one line either way; d->present says whether there is a display. */
void display_start(struct display *d, const struct l4_bootinfo *bi, struct l4_allocator *a);
/* The window reserved for guest `name`, or NULL (no display, or none for it). */
const struct display_window *display_window_of(const struct display *d, const char *name);

#endif
