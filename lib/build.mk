# SPDX-License-Identifier: MIT
# Freestanding code the kernel and user programs share (string, printf, FDT,
# CPIO, ELF), with its headers in lib/include/: user programs build with
# that include directory and libl4's, never the kernel's.
lib-y += fdt.c printf.c string.c cpio.c elf.c
