# SPDX-License-Identifier: MIT
arch-y += boot/entry.S boot/monitor.S boot/hyp_mode.c
arch-y += exceptions/vectors.S exceptions/report.c
arch-y += mm/hyp_mmu.c mm/stage2.c mm/zero.c
arch-y += gic/gicv2.c
arch-y += timer/generic_timer.c
arch-y += exceptions/user_trap.c
arch-y += cpu.c console.c thread.c
arch-y += vcpu/switch.c vcpu/vgic.c vcpu/vtimer.c vcpu/exit.c vcpu/vfp.c
# the stage-2 walk of the kernel's invariant checker (debug builds)
arch-$(CONFIG_KERNEL_INVARIANTS) += mm/stage2_walk.c
