/* SPDX-License-Identifier: MIT */
/* The boot archive (CPIO newc) built by `make`: the root task and the user
 * programs and guest images it starts. In a section of its own, on 2 MiB
 * frames the root task gets read-only caps to (kernel.lds.S). */
	.section .boot_archive, "a"
	.balign	8
	.global	boot_archive
	.global	boot_archive_end
boot_archive:
	.incbin	BOOT_ARCHIVE
boot_archive_end:
