/* SPDX-License-Identifier: MIT */
/* Symbols the linker script (arch/arm/kernel.lds.S) defines for the image. */
#ifndef TERN_IMAGE_H
#define TERN_IMAGE_H

extern char __kernel_start[], __kernel_end[];
extern char __bss_start[], __bss_end[];
/* The board's device tree, built from dts/ into the image (kernel/builtin_dtb.S). */
extern const char builtin_dtb[], builtin_dtb_end[];

/* The boot archive (CPIO) with the root task and other user programs
 * (kernel/boot_archive.S). */
extern const char boot_archive[], boot_archive_end[];

#endif
