# SPDX-License-Identifier: MIT
kernel-y += main.c console.c builtin_dtb.S
kernel-y += lib/fdt.c lib/printf.c lib/string.c
kernel-y += hw/hwdesc.c
kernel-y += boot/memregion.c
