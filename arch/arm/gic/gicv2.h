/* SPDX-License-Identifier: MIT */
/* GICv2 register layout (ARM IHI 0048B): distributor, CPU interface and
 * virtual interface control. */
#ifndef ARCH_ARM_GICV2_H
#define ARCH_ARM_GICV2_H

#include <tern/bits.h>

struct gicd_regs {
	uint32_t ctlr;              /* 0x000 */
	uint32_t typer;             /* 0x004 */
	uint32_t iidr;              /* 0x008 */
	uint32_t res0[29];
	uint32_t igroupr[32];       /* 0x080 */
	uint32_t isenabler[32];     /* 0x100 */
	uint32_t icenabler[32];     /* 0x180 */
	uint32_t ispendr[32];       /* 0x200 */
	uint32_t icpendr[32];       /* 0x280 */
	uint32_t isactiver[32];     /* 0x300 */
	uint32_t icactiver[32];     /* 0x380 */
	uint8_t ipriorityr[1020];   /* 0x400 */
	uint32_t res1;
	uint8_t itargetsr[1020];    /* 0x800 */
	uint32_t res2;
	uint32_t icfgr[64];         /* 0xc00 */
	uint32_t res3[128];
	uint32_t sgir;              /* 0xf00 */
};
_Static_assert(__builtin_offsetof(struct gicd_regs, itargetsr) == 0x800, "GICD layout");
_Static_assert(__builtin_offsetof(struct gicd_regs, sgir) == 0xf00, "GICD layout");

struct gicc_regs {
	uint32_t ctlr;   /* 0x00 */
	uint32_t pmr;    /* 0x04 */
	uint32_t bpr;    /* 0x08 */
	uint32_t iar;    /* 0x0c */
	uint32_t eoir;   /* 0x10 */
	uint32_t rpr;    /* 0x14 */
	uint32_t hppir;  /* 0x18 */
};

struct gich_regs {
	uint32_t hcr;     /* 0x00 */
	uint32_t vtr;     /* 0x04 */
	uint32_t vmcr;    /* 0x08 */
	uint32_t res0;
	uint32_t misr;    /* 0x10 */
	uint32_t res1[3];
	uint32_t eisr[2]; /* 0x20 */
	uint32_t res2[2];
	uint32_t elsr[2]; /* 0x30 */
	uint32_t res3[46];
	uint32_t apr;     /* 0xf0 */
	uint32_t res4[3];
	uint32_t lr[64];  /* 0x100 */
};
_Static_assert(__builtin_offsetof(struct gich_regs, lr) == 0x100, "GICH layout");

#define GICD_CTLR_ENABLE BIT(0)
#define GICD_CTLR_ENABLE_GRP1 BIT(1)  /* Secure view */
#define GICD_TYPER_ITLINES GENMASK(4, 0)
#define GICC_CTLR_ENABLE BIT(0)
#define GICC_IAR_ID GENMASK(9, 0)
#define GICH_VTR_LISTREGS GENMASK(5, 0)

#define GIC_SPURIOUS_FIRST 1020
#define GIC_MAX_LINES 1020
#define GIC_FIRST_SPI 32
#define GIC_PRIORITY_DEFAULT 0xa0
#define GIC_PRIORITY_MASK_ALL_BUT_LOWEST 0xf0

#endif
