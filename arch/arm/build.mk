# SPDX-License-Identifier: MIT
# Files of both CPU variants, then the variant's own folder, chosen by
# Kconfig: hyp/, the HYP kernel of the Cortex-A15 (CONFIG_ARM_HYP), or svc/,
# the SVC kernel of the Cortex-A9 (CONFIG_ARM_SVC) (DESIGN.md,
# "Folders once there are two CPU variants").
arch-y += boot/entry.S boot/entry_state.c boot/secure_probe.S
arch-y += mm/zero.c mm/kernel_map.c
arch-y += exceptions/report_frame.c exceptions/selftest_undef.S exceptions/fault_name.c
arch-y += gic/gicv2.c
arch-y += cpu.c console.c context.c cache.c
# the decoding of frame and table invocations, in LPAE's levels on both
arch-y += object/mapping.c

hyp-y += boot/monitor.S boot/hyp_mode.c
hyp-y += exceptions/vectors.S exceptions/report.c
hyp-y += mm/hyp_mmu.c mm/stage2.c
hyp-y += timer/generic_timer.c
hyp-y += exceptions/user_trap.c
hyp-y += thread.c pmu.c
hyp-y += object/types.c
hyp-y += vcpu/switch.c vcpu/vgic.c vcpu/vtimer.c vcpu/exit.c vcpu/vfp.c
# the stage-2 walk of the kernel's invariant checker (debug builds)
hyp-$(CONFIG_KERNEL_INVARIANTS) += mm/stage2_walk.c
arch-$(CONFIG_ARM_HYP) += $(addprefix hyp/,$(hyp-y))

svc-y += boot/svc_mode.c boot/window.S
svc-y += exceptions/vectors.S exceptions/report.c exceptions/user_trap.c
svc-y += mm/kernel_mmu.c mm/asid.c mm/vspace.c
svc-y += timer/mpcore_timer.c
svc-y += object/types.c
svc-y += thread.c pmu.c
# the deprivileged VCPU (docs/pv-vcpu.md) and its load/store decoder
svc-y += vcpu/state.c vcpu/hypercall.c vcpu/exit.c vcpu/virq.c vcpu/shadow.c vcpu/guest_cache.c vcpu/trap_cp.c
arch-$(CONFIG_ARM_SVC) += pv/decode_ldst.c pv/guest_walk.c pv/decode_cp.c
# the short-descriptor walk of the kernel's invariant checker (debug builds)
svc-$(CONFIG_KERNEL_INVARIANTS) += mm/vspace_walk.c
arch-$(CONFIG_ARM_SVC) += $(addprefix svc/,$(svc-y))
