/* SPDX-License-Identifier: MIT */
/* The kernel image, loaded at the first RAM bank + CONFIG_KERNEL_LOAD_OFFSET
 * (KERNEL_LOAD_ADDR, derived from the board's device tree) and linked where
 * the kernel sees that address (arch/memory.h: the same on HYP, in the
 * kernel window on SVC). The loader enters at _start's physical address,
 * with the MMU off. */
#include <generated/board.h>
#include <arch/memory.h>

OUTPUT_ARCH(arm)
ENTRY(_start_phys)

#define LOAD(section) AT(ADDR(section) - KERNEL_WINDOW_OFFSET)

SECTIONS
{
	. = KERNEL_LOAD_ADDR + KERNEL_WINDOW_OFFSET;
	__kernel_start = .;
	_start_phys = _start - KERNEL_WINDOW_OFFSET;
	.text : LOAD(.text) {
		KEEP(*(.text.entry))
		*(.text .text.*)
	}
	.rodata : LOAD(.rodata) ALIGN(8) {
		*(.rodata .rodata.*)
	}
	.data : LOAD(.data) ALIGN(8) {
		*(.data .data.*)
	}
	/* whole 2 MiB frames, handed to the root task */
	.boot_archive : LOAD(.boot_archive) ALIGN(0x200000) {
		*(.boot_archive)
		. = ALIGN(0x200000);
	}
	.bss (NOLOAD) : LOAD(.bss) ALIGN(8) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
		__bss_end = .;
	}
	/* the SVC kernel's first translation table, filled before the MMU is
	 * on and so never cleared with .bss */
	.boot_page_table (NOLOAD) : LOAD(.boot_page_table) ALIGN(16384) {
		*(.boot_page_table)
	}
	. = ALIGN(4096);
	__kernel_end = .;

	/DISCARD/ : {
		*(.ARM.exidx*) *(.ARM.extab*) *(.comment) *(.note*)
	}
}
