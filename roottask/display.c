// SPDX-License-Identifier: MIT
/* The display owner. The PL111 reads one framebuffer from one physical
 * base address (UPBASE), so the frames come from one untyped block whose
 * address is known (l4_alloc_contiguous) and are retyped in order: frame i
 * is at base + i * 4 KiB. The windows are bands of whole lines that are
 * also whole frames (a line is 2560 bytes: 8 lines are 5 frames), so a
 * window is exactly a run of frame caps and no frame is shared by two
 * guests. The root task keeps every original cap; guests get copies. */
#include <generated/board.h>
#include <tern/string.h>
#include "display.h"

/* PL111 registers (ARM DDI 0293): CONTROL is at 0x18, not 0x1c as on the PL110. */
struct pl111_regs {
	uint32_t timing[4];          /* 0x000 TIM0-TIM3 */
	uint32_t upper_base;         /* 0x010 UPBASE: the framebuffer */
	uint32_t lower_base;         /* 0x014 LPBASE: dual panels only */
	uint32_t control;            /* 0x018 */
	uint32_t reserved[1009];
	uint32_t periph_id[4];       /* 0xfe0 PeriphID0-3 */
};
_Static_assert(__builtin_offsetof(struct pl111_regs, periph_id) == 0xfe0, "PL111 layout");

/* 640x480 timings and mode checked on QEMU 7.2 (DESIGN.md). */
#define PL111_TIM0_640 0x3f1f3f9cu
#define PL111_TIM1_480 0x090b61dfu
#define PL111_TIM2_640 0x067f1800u
#define PL111_CONTROL_EN 0x001u      /* LcdEn */
#define PL111_CONTROL_BPP24 0x00au   /* LcdBpp = 101: 24 bits in 32 */
#define PL111_CONTROL_TFT 0x020u
#define PL111_CONTROL_BGR 0x100u     /* without it red and blue swap */
#define PL111_CONTROL_PWR 0x800u     /* QEMU draws only with LcdEn and LcdPwr */
#define PL111_PART_NUMBER 0x111u

/* Where the root task sees the display: one 2 MiB table for the
 * framebuffer with the registers in its last page, in the GiB of the boot
 * info and the stack, 512 MiB below the top of user space. */
#define DISPLAY_VADDR (L4_USER_TOP - 0x20000000u)
#define REGISTERS_VADDR (DISPLAY_VADDR + L4_FRAME_2M_SIZE - L4_PAGE_SIZE)
#define FRAMEBUFFER_BITS 21u         /* the block the frames come from: 2 MiB */
_Static_assert(DISPLAY_FRAMES * L4_PAGE_SIZE <= REGISTERS_VADDR - DISPLAY_VADDR,
	       "the framebuffer must fit below the registers' page");

/* The split: two windows, "top" and "bottom" (the system description
 * says whose: Linux's console on top, the RTOS's video below). */
#define TOP_LINES 320u
#define LINES_PER_FRAME_RUN 8u       /* 8 lines = 5 frames: the smallest whole run */
_Static_assert(TOP_LINES % LINES_PER_FRAME_RUN == 0 && DISPLAY_HEIGHT % LINES_PER_FRAME_RUN == 0 &&
	       LINES_PER_FRAME_RUN * DISPLAY_STRIDE % L4_PAGE_SIZE == 0,
	       "windows must be whole frames");

static const char *map_and_check(struct display *d, struct l4_allocator *a)
{
	l4_cptr_t table = l4_alloc_object(a, L4_OBJ_PAGE_TABLE, 0);
	int err = table ? l4_page_table_map(table, L4_CAP_INIT_VSPACE, DISPLAY_VADDR) : L4_NOT_ENOUGH_MEMORY;
	if (err == L4_FAILED_LOOKUP && L4_HAS_PAGE_DIRECTORY) { /* no directory for that GiB yet */
		l4_cptr_t directory = l4_alloc_object(a, L4_OBJ_PAGE_DIRECTORY, 0);
		err = directory ? l4_page_table_map(directory, L4_CAP_INIT_VSPACE, DISPLAY_VADDR)
				: L4_NOT_ENOUGH_MEMORY;
		if (!err)
			err = l4_page_table_map(table, L4_CAP_INIT_VSPACE, DISPLAY_VADDR);
	}
	if (err)
		return "cannot make the root task's page table for the display";
	d->registers = l4_alloc_device_frame(a, BOARD_CLCD_BASE);
	if (!d->registers)
		return "the CLCD's registers are not device memory the root task was given "
		       "(a device tree without the PL111?)";
	if (l4_frame_map(d->registers, L4_CAP_INIT_VSPACE, REGISTERS_VADDR,
			 L4_RIGHT_READ | L4_RIGHT_WRITE, L4_FRAME_UNCACHED))
		return "cannot map the CLCD's registers";
	const volatile struct pl111_regs *regs = (const void *)REGISTERS_VADDR;
	unsigned part = (regs->periph_id[0] & 0xff) | (regs->periph_id[1] & 0xf) << 8;
	if (part != PL111_PART_NUMBER)
		return "the device at BOARD_CLCD_BASE is not a PL111 (its part number differs)";
	return NULL;
}

/* The framebuffer's frames, in order, in consecutive slots. */
static const char *make_framebuffer(struct display *d, struct l4_allocator *a, l4_cptr_t *first)
{
	d->memory = l4_alloc_contiguous(a, FRAMEBUFFER_BITS, &d->paddr);
	if (!d->memory)
		return "no untouched RAM block of 2 MiB for the framebuffer";
	if (d->paddr >> 32)
		return "the framebuffer's RAM lies above 4 GiB, beyond UPBASE";
	*first = a->next_slot;
	for (unsigned i = 0; i < DISPLAY_FRAMES; i++)
		if (l4_alloc_slot(a) != *first + i)
			return "out of cap slots for the framebuffer";
	/* a retype makes at most 256 objects: in runs, each placed after the
	 * last, so frame i stays at paddr + i * 4 KiB */
	for (unsigned done = 0; done < DISPLAY_FRAMES;) {
		unsigned n = DISPLAY_FRAMES - done < 256 ? DISPLAY_FRAMES - done : 256;
		if (l4_untyped_retype(d->memory, L4_OBJ_FRAME_4K, 0, a->cnode, *first + done, n))
			return "cannot retype the framebuffer's frames";
		done += n;
	}
	return NULL;
}

/* Every pixel to the background, written back to memory: the CLCD reads
 * memory, not the root task's cache. */
static const char *clear(l4_cptr_t first)
{
	for (unsigned i = 0; i < DISPLAY_FRAMES; i++)
		if (l4_frame_map(first + i, L4_CAP_INIT_VSPACE, DISPLAY_VADDR + i * L4_PAGE_SIZE,
				 L4_RIGHT_READ | L4_RIGHT_WRITE, 0))
			return "cannot map the framebuffer";
	/* two pixels a store, four stores a turn: the boot's instruction
	 * budget (tests/bench/budget.txt) counts this loop */
	const uint64_t two = (uint64_t)DISPLAY_BACKGROUND << 32 | DISPLAY_BACKGROUND;
	uint64_t *pixels = (uint64_t *)DISPLAY_VADDR;
	_Static_assert(DISPLAY_STRIDE * DISPLAY_HEIGHT % 32 == 0, "whole turns");
	for (unsigned i = 0; i < DISPLAY_STRIDE * DISPLAY_HEIGHT / 8; i += 4) {
		pixels[i] = two;
		pixels[i + 1] = two;
		pixels[i + 2] = two;
		pixels[i + 3] = two;
	}
	for (unsigned i = 0; i < DISPLAY_FRAMES; i++)
		if (l4_frame_clean(first + i, 0, L4_PAGE_SIZE))
			return "cannot write the framebuffer back to memory";
	return NULL;
}

/* The mode, once: the guests get memory to draw in, never the registers. */
static void program_mode(const struct display *d)
{
	volatile struct pl111_regs *regs = (void *)REGISTERS_VADDR;
	regs->control = 0; /* off while the mode changes */
	regs->timing[0] = PL111_TIM0_640;
	regs->timing[1] = PL111_TIM1_480;
	regs->timing[2] = PL111_TIM2_640;
	regs->timing[3] = 0;
	regs->upper_base = (uint32_t)d->paddr;
	regs->lower_base = 0;
	regs->control = PL111_CONTROL_EN | PL111_CONTROL_BPP24 | PL111_CONTROL_TFT |
			PL111_CONTROL_BGR | PL111_CONTROL_PWR;
}

static void set_window(struct display *d, unsigned id, const char *owner, unsigned first_line,
		       unsigned lines, l4_cptr_t first_frame)
{
	unsigned offset = first_line * DISPLAY_STRIDE;
	d->window[id] = (struct display_window){
		.owner = owner, .first_line = first_line, .lines = lines,
		.first_frame = first_frame + offset / L4_PAGE_SIZE,
		.frames = lines * DISPLAY_STRIDE / L4_PAGE_SIZE, .paddr = d->paddr + offset};
}

void display_start(struct display *d, const struct l4_bootinfo *bi, struct l4_allocator *a)
{
	memset(d, 0, sizeof(*d));
	if (!BOARD_CLCD_BASE) {
		l4_printf("roottask: display: %s has no PL111 CLCD: no shared display\n", bi->board);
		return;
	}
	l4_cptr_t first = 0;
	const char *err = map_and_check(d, a);
	if (!err)
		err = make_framebuffer(d, a, &first);
	if (!err)
		err = clear(first);
	if (err) {
		l4_printf("roottask: display: %s: no shared display\n", err);
		return;
	}
	program_mode(d);
	set_window(d, DISPLAY_WINDOW_TOP, "top", 0, TOP_LINES, first);
	set_window(d, DISPLAY_WINDOW_BOTTOM, "bottom", TOP_LINES, DISPLAY_HEIGHT - TOP_LINES, first);
	d->present = true;
	const struct display_window *l = &d->window[DISPLAY_WINDOW_TOP];
	const struct display_window *r = &d->window[DISPLAY_WINDOW_BOTTOM];
	l4_printf("roottask: display: PL111 at 0x%08x, %ux%u 32 bpp at 0x%08llx; windows: %s "
		  "lines %u-%u at 0x%08llx, %s lines %u-%u at 0x%08llx\n",
		  (unsigned)BOARD_CLCD_BASE, DISPLAY_WIDTH, DISPLAY_HEIGHT, d->paddr, l->owner,
		  l->first_line, l->first_line + l->lines - 1, l->paddr, r->owner, r->first_line,
		  r->first_line + r->lines - 1, r->paddr);
}

const struct display_window *display_window_of(const struct display *d, const char *name)
{
	for (unsigned i = 0; d->present && i < DISPLAY_WINDOWS; i++)
		if (!strcmp(d->window[i].owner, name))
			return &d->window[i];
	return NULL;
}
