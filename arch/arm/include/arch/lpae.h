/* SPDX-License-Identifier: MIT */
/* Long-descriptor (LPAE) translation table format: HYP stage 1 now, and
 * stage 2 for guests and native threads later. */
#ifndef ARCH_LPAE_H
#define ARCH_LPAE_H

#include <tern/bits.h>

#define LPAE_ENTRIES 512
#define LPAE_L1_SHIFT 30 /* 1 GiB per first-level entry */
#define LPAE_L2_SHIFT 21 /* 2 MiB blocks */
#define LPAE_L3_SHIFT 12 /* 4 KiB pages */
#define LPAE_BLOCK_SIZE (1u << LPAE_L2_SHIFT)

#define LPAE_VALID BIT64(0)
#define LPAE_TABLE BIT64(1)        /* levels 1-2: next-level table; level 3: page */
#define LPAE_ATTRINDX GENMASK64(4, 2)
#define LPAE_AP GENMASK64(7, 6)
#define LPAE_SH GENMASK64(9, 8)
#define LPAE_AF BIT64(10)
#define LPAE_NG BIT64(11)
#define LPAE_ADDR GENMASK64(39, 12)
#define LPAE_XN BIT64(54)

#define LPAE_SH_INNER 3
#define LPAE_AP_HYP_RW 1 /* AP[1] is should-be-one in the HYP regime */

#define VTTBR_VMID GENMASK64(55, 48)

/* HMAIR0 attribute indices used by the kernel's own mapping. */
#define MAIR_IDX_STRONGLY_ORDERED 0
#define MAIR_IDX_NORMAL_WB 1
#define MAIR_IDX_DEVICE 2
#define MAIR_IDX_NORMAL_NC 3
#define HMAIR0_VALUE (0x00u << 0 | 0xffu << 8 | 0x04u << 16 | 0x44u << 24)

/* HTCR: 32-bit input, walks cacheable write-back write-allocate, inner shareable */
#define HTCR_T0SZ GENMASK(2, 0)
#define HTCR_IRGN0 GENMASK(9, 8)
#define HTCR_ORGN0 GENMASK(11, 10)
#define HTCR_SH0 GENMASK(13, 12)
#define HTCR_RES1 (BIT(31) | BIT(23))
#define TCR_CACHE_WBWA 1

#endif
