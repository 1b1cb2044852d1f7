/* SPDX-License-Identifier: MIT */
/* The guest physical memory map, as the guest's device tree
 * (dts/guests/linux-a15.dts; on the A9 guests/rtos/rtos-a9.dts) shows it. */
#ifndef VMM_GUEST_MAP_H
#define VMM_GUEST_MAP_H

#ifdef CONFIG_ARM_SVC
/* The SVC kernel (Cortex-A9): a guest runs in USR with its MMU off, so its
 * physical addresses are the hardware's virtual ones, which Tern's window
 * (0x80000000 up) leaves below 0x80000000 (docs/pv-vcpu.md, section 11).
 * RAM where vexpress-a9's own is, at most 512 MiB up to the window; the
 * state page shared with the kernel (pv_cpu.c) in the page below RAM. */
#define GUEST_RAM_BASE 0x60000000u
#define GUEST_RAM_LIMIT 0x80000000u
#define GUEST_PV_STATE_BASE 0x5ffff000u
#else
#define GUEST_RAM_BASE 0x80000000u
#define GUEST_RAM_LIMIT 0u /* none below 4 GiB */
#endif
#define GUEST_UART_BASE 0x1c090000u   /* PL011, emulated */
#define GUEST_UART_IRQ 37             /* SPI 5 */
/* The virtio console (main.c adds its virtio,mmio node to the DTB): where
 * QEMU's vexpress-a15 has its virtio-mmio transports, SPI 40. */
#define GUEST_VIRTIO_CONSOLE_BASE 0x1c130000u
#define GUEST_VIRTIO_CONSOLE_IRQ 72
#define GUEST_GICD_BASE 0x2c001000u   /* distributor, emulated */
#define GUEST_GICC_BASE 0x2c002000u   /* CPU interface: the hardware GICV */
#define GUEST_BENCH_BASE 0x1c0f0000u  /* the null bench device, when switched on */
#define GUEST_DEVICE_PAGE 0x1000u
/* The window of the shared display, when the root task gives one
 * (framebuffer.c adds its node to the DTB): a GiB of its own, outside RAM. */
#define GUEST_FRAMEBUFFER_BASE 0x40000000u
#define GUEST_FRAMEBUFFER_MAX 0x10000000u
/* The inter-VM channels (channel.c adds their nodes to the DTB): in the
 * framebuffer's GiB, past its largest window, 64 KiB apart; their
 * interrupts SPI 48 and up, edge-triggered. */
#define GUEST_CHANNEL_BASE 0x50000000u
#define GUEST_CHANNEL_STRIDE 0x00010000u
#define GUEST_CHANNEL_FIRST_IRQ 80u

/* Where the boot images go in guest RAM (offsets from its base), the way
 * a boot loader places them: the zImage decompresses itself below the DTB. */
#define GUEST_ZIMAGE_OFFSET 0x00010000u
#define GUEST_DTB_MAX 0x00010000u
#define GUEST_INITRD_OFFSET 0x04000000u
#define GUEST_RAM_MIN 0x00400000u     /* 4 MiB: room for a small image and the DTB */

/* The DTB lies 62 MiB into RAM (below the initramfs), or, in less RAM than
 * that, 2 MiB below its end. */
static inline uint32_t guest_dtb_offset(uint32_t ram_bytes)
{
	return ram_bytes >= GUEST_INITRD_OFFSET ? GUEST_INITRD_OFFSET - 0x00200000u
						 : ram_bytes - 0x00200000u;
}

#endif
