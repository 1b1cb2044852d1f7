/* SPDX-License-Identifier: MIT */
/* The hardware description the kernel boots with, read from a device tree:
 * the one place that knows which properties hold the memory map, the
 * console, the interrupt controller and the timer. */
#ifndef TERN_HWDESC_H
#define TERN_HWDESC_H

#include <tern/fdt.h>
#include <tern/types.h>

#define HW_MAX_RAM_BANKS 8
#define HW_MAX_DEVICES 32

struct hw_region {
	paddr_t base;
	uint64_t size;
};

enum hw_timer_irq {
	HW_TIMER_SECURE_PHYS,
	HW_TIMER_NONSECURE_PHYS,
	HW_TIMER_VIRT,
	HW_TIMER_HYP,
	HW_TIMER_IRQ_COUNT,
};

enum hw_gic_region {
	HW_GIC_DIST,
	HW_GIC_CPU,
	HW_GIC_HYP,  /* virtual interface control (GICH), if present */
	HW_GIC_VCPU, /* virtual CPU interface (GICV), if present */
	HW_GIC_REGION_COUNT,
};

struct hw_desc {
	const char *model;
	const char *cpu_compatible;
	struct hw_region ram[HW_MAX_RAM_BANKS];
	unsigned ram_count;
	struct hw_region console;      /* PL011 the kernel prints on */
	unsigned console_irq;
	struct hw_region gic[HW_GIC_REGION_COUNT];
	bool gic_has_virt;             /* GICH and GICV present */
	unsigned gic_maintenance_irq;  /* 0 when not given */
	/* the generic timer (arm,armv7-timer), or else the Cortex-A9 MPCore's
	 * global timer (the clock) and private timer (the tick) */
	bool timer_mpcore;
	unsigned timer_irq[HW_TIMER_IRQ_COUNT]; /* generic timer's GIC interrupt IDs */
	uint32_t timer_clock_hz;       /* 0 when the tree does not say */
	struct hw_region mpcore_global_timer;
	struct hw_region mpcore_private_timer;
	unsigned mpcore_private_timer_irq;
	struct hw_region display;      /* PL111 CLCD; size 0 when absent */
	/* every memory-mapped device region in the tree (kernel's included),
	 * in whole pages, regions that overlap or touch merged into one */
	struct hw_region devices[HW_MAX_DEVICES];
	unsigned device_count;
	unsigned devices_left_out;     /* regions beyond HW_MAX_DEVICES or 4 GiB */
};

/* Fills hw from a validated tree. Returns NULL, or a message naming what is
 * missing or malformed in the tree. */
const char *hwdesc_parse(const struct fdt *fdt, struct hw_desc *hw);
/* Total bytes of RAM over all banks. */
uint64_t hwdesc_ram_size(const struct hw_desc *hw);
/* Translates a 3-cell GIC interrupt specifier to a GIC interrupt ID. */
int hwdesc_gic_intid(const uint8_t *spec, unsigned *intid);

#endif
