# SPDX-License-Identifier: MIT
kernel-y += main.c console.c syscall.c fault.c ipc.c ipc_fastpath.c builtin_dtb.S boot_archive.S
kernel-y += lib/vmid_pool.c
kernel-y += hw/hwdesc.c
kernel-y += boot/memregion.c boot/roottask.c
kernel-y += object/cdt.c object/cspace.c object/untyped.c object/untyped_invoke.c
kernel-y += object/cnode.c object/tcb.c object/object.c object/invocation.c
kernel-y += object/vspace.c object/irq.c object/vcpu.c
kernel-y += sched/ready_queue.c sched/scheduler.c
# the invariant checker (debug builds: CONFIG_KERNEL_INVARIANTS)
kernel-$(CONFIG_KERNEL_INVARIANTS) += debug/invariants.c
