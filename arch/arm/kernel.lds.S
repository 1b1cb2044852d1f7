/* SPDX-License-Identifier: MIT */
/* The kernel image, linked at the first RAM bank + CONFIG_KERNEL_LOAD_OFFSET
 * (KERNEL_LOAD_ADDR, derived from the board's device tree). */
#include <generated/board.h>

OUTPUT_ARCH(arm)
ENTRY(_start)

SECTIONS
{
	. = KERNEL_LOAD_ADDR;
	__kernel_start = .;
	.text : {
		KEEP(*(.text.entry))
		*(.text .text.*)
	}
	.rodata : ALIGN(8) {
		*(.rodata .rodata.*)
	}
	.data : ALIGN(8) {
		*(.data .data.*)
	}
	/* whole 2 MiB frames, handed to the root task */
	.boot_archive : ALIGN(0x200000) {
		*(.boot_archive)
		. = ALIGN(0x200000);
	}
	.bss (NOLOAD) : ALIGN(8) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
		__bss_end = .;
	}
	. = ALIGN(4096);
	__kernel_end = .;

	/DISCARD/ : {
		*(.ARM.exidx*) *(.ARM.extab*) *(.comment) *(.note*)
	}
}
