/* SPDX-License-Identifier: MIT */
/* The boot archive (CPIO newc) built by `make`: the root task and the user
 * programs and guest images it starts. */
	.section .rodata.boot_archive, "a"
	.balign	8
	.global	boot_archive
	.global	boot_archive_end
boot_archive:
	.incbin	BOOT_ARCHIVE
boot_archive_end:
