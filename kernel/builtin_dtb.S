/* SPDX-License-Identifier: MIT */
/* The board's device tree (compiled from dts/ by the build), used when the
 * boot loader passes none. */
	.section .rodata.builtin_dtb, "a"
	.balign	8
	.global	builtin_dtb
	.global	builtin_dtb_end
builtin_dtb:
	.incbin	BUILTIN_DTB
builtin_dtb_end:
