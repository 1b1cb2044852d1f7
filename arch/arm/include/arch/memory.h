/* SPDX-License-Identifier: MIT */
/* Kernel addresses and physical addresses. Every object the kernel makes
 * (cap.object) and every table it walks is named by its kernel address;
 * hardware (translation table entries, TTBRs, the user's view of a frame or
 * an untyped) wants the physical one. The HYP kernel has its own address
 * space and maps RAM one to one, so both are the same. The SVC kernel
 * shares the address space with user threads and sees RAM through a window
 * at the top (KERNEL_WINDOW_BASE, seL4's paddr_to_pptr): user space below
 * it, TTBR0; the kernel above, TTBR1, global. The conversion is an offset
 * modulo 2^32, so it keeps order and never fails; the kernel dereferences
 * only what lies in RAM. */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <generated/board.h>

#ifdef CONFIG_ARM_SVC
/* RAM's first byte in the kernel's view; 2 GiB of user space below it
 * (TTBCR.N = 1). */
#define KERNEL_WINDOW_BASE 0x80000000
/* The first RAM bank's base as the kernel sees it: physical RAM from there
 * on shows at KERNEL_WINDOW_BASE on. */
#define KERNEL_WINDOW_OFFSET (KERNEL_WINDOW_BASE - BOARD_RAM_BASE)
/* Device mappings of the kernel (GIC, console, timers) from here up. */
#define KERNEL_DEVICE_BASE 0xf0000000
/* How much RAM the window holds: the rest is not the kernel's. */
#define KERNEL_WINDOW_SIZE (KERNEL_DEVICE_BASE - KERNEL_WINDOW_BASE)
#else
#define KERNEL_WINDOW_OFFSET 0
#endif

#ifndef __ASSEMBLY__
#include <tern/types.h>

static inline uintptr_t arch_phys_to_kernel(paddr_t pa)
{
	return (uint32_t)pa + KERNEL_WINDOW_OFFSET;
}

static inline paddr_t arch_kernel_to_phys(uintptr_t kernel_address)
{
	return (uint32_t)(kernel_address - KERNEL_WINDOW_OFFSET);
}

/* Whether the kernel can read [pa, pa + size) at boot, before it knows the
 * RAM banks (a boot loader's device tree): anything with the MMU off on
 * HYP; the window on SVC. */
static inline bool arch_boot_readable(paddr_t pa, size_t size)
{
#ifdef CONFIG_ARM_SVC
	return pa >= BOARD_RAM_BASE && size <= KERNEL_WINDOW_SIZE &&
	       pa - BOARD_RAM_BASE <= KERNEL_WINDOW_SIZE - size;
#else
	return true;
#endif
}

/* The physical end of the RAM the kernel can reach (the rest is not the
 * kernel's to hand out). */
static inline uint64_t arch_kernel_ram_end(void)
{
#ifdef CONFIG_ARM_SVC
	return (uint64_t)BOARD_RAM_BASE + KERNEL_WINDOW_SIZE;
#else
	return 1ull << 32;
#endif
}
#endif

#endif
