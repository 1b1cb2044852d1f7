# SPDX-License-Identifier: MIT
kernel-y += main.c console.c builtin_dtb.S
kernel-y += lib/fdt.c lib/printf.c lib/string.c lib/cpio.c lib/elf.c
kernel-y += hw/hwdesc.c
kernel-y += boot/memregion.c
# Capability core (issue 3, under construction): derivation tree, untyped
# retype planning, ready queues. Host-tested; not yet wired to syscalls.
kernel-y += object/cdt.c object/cspace.c object/untyped.c
kernel-y += sched/ready_queue.c
