# SPDX-License-Identifier: MIT
kernel-y += main.c console.c syscall.c fault.c builtin_dtb.S boot_archive.S
kernel-y += lib/fdt.c lib/printf.c lib/string.c lib/cpio.c lib/elf.c
kernel-y += hw/hwdesc.c
kernel-y += boot/memregion.c boot/roottask.c
# Capability core (under construction): derivation tree, CSpace lookup,
# untyped retype planning. Host-tested; not yet wired to invocations.
kernel-y += object/cdt.c object/cspace.c object/untyped.c
kernel-y += sched/ready_queue.c sched/scheduler.c
