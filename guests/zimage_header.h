/* SPDX-License-Identifier: MIT */
/* The header that makes a bare-metal guest pass for a Linux zImage
 * (Documentation/arm/booting.rst), so the unchanged VMM boots it: eight
 * no-ops, a branch to the entry, then the words the VMM reads: the magic at
 * 0x24 and the start/end words at 0x28/0x2c (start 0 and end = the image's
 * size, __image_size from the linker script: a position-independent image,
 * as Linux's own zImage describes itself). Used by the assembly entries of
 * guests/hostile and guests/exitbench. */
#ifndef GUESTS_ZIMAGE_HEADER_H
#define GUESTS_ZIMAGE_HEADER_H

#define ZIMAGE_MAGIC 0x016f2818

	.macro	zimage_header entry
	.rept	8
	mov	r0, r0
	.endr
	b	\entry
	.word	ZIMAGE_MAGIC		@ 0x24
	.word	0			@ 0x28 start
	.word	__image_size		@ 0x2c end
	.word	0x04030201		@ 0x30 little-endian
	.endm

#endif
