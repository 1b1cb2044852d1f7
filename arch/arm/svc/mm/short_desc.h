/* SPDX-License-Identifier: MIT */
/* ARMv7 short-descriptor translation table formats (ARM ARM B3.5), private
 * to the SVC variant: first-level entries (1 MiB sections and pointers to
 * 1 KiB second-level tables) and second-level small pages (4 KiB). */
#ifndef ARCH_ARM_SVC_SHORT_DESC_H
#define ARCH_ARM_SVC_SHORT_DESC_H

#include <tern/bits.h>
#include <tern/types.h>

#define L1_ENTRIES 4096u
#define L1_SECTION_SHIFT 20
#define L1_SECTION_SIZE (1u << L1_SECTION_SHIFT)
#define L2_ENTRIES 256u
#define L2_PAGE_SHIFT 12

/* first level */
#define L1_TYPE GENMASK(1, 0)
#define L1_TYPE_FAULT 0u
#define L1_TYPE_TABLE 1u
#define L1_TYPE_SECTION 2u
#define L1_SECT_B BIT(2)
#define L1_SECT_C BIT(3)
#define L1_SECT_XN BIT(4)
#define L1_DOMAIN GENMASK(8, 5)
#define L1_SECT_AP GENMASK(11, 10)   /* AP[1:0] */
#define L1_SECT_TEX GENMASK(14, 12)
#define L1_SECT_APX BIT(15)          /* AP[2] */
#define L1_SECT_S BIT(16)
#define L1_SECT_NG BIT(17)
#define L1_SECT_BASE GENMASK(31, 20)
#define L1_TABLE_BASE GENMASK(31, 10)

/* second level, small page */
#define L2_PAGE_XN BIT(0)
#define L2_PAGE BIT(1)
#define L2_PAGE_B BIT(2)
#define L2_PAGE_C BIT(3)
#define L2_PAGE_AP GENMASK(5, 4)
#define L2_PAGE_TEX GENMASK(8, 6)
#define L2_PAGE_APX BIT(9)
#define L2_PAGE_S BIT(10)
#define L2_PAGE_NG BIT(11)
#define L2_PAGE_BASE GENMASK(31, 12)
#define L2_TYPE GENMASK(1, 0)        /* 00: fault, 01: large page, 1x: small page */
#define L2_TABLE_BYTES (L2_ENTRIES * 4u) /* 1 KiB, 1 KiB aligned */

/* A page table object (mm/vspace.c): two second-level tables back to
 * back, 512 entries for the 2 MiB a pair of first-level entries covers. */
#define PAIR_SHIFT 21
#define PAGE_TABLE_ENTRIES (2 * L2_ENTRIES)

/* AP[1:0] with AP[2] clear: PL1 read/write, no user access */
#define AP_KERNEL_RW 1u
/* User mappings (SCTLR.AFE clear: AP[0] is a permission bit). Read-only:
 * AP[2] set with AP[1:0] = 10, user and kernel read; read-write: AP[2]
 * clear with AP[1:0] = 11. */
#define AP_USER_RO 2u
#define AP_USER_RW 3u
/* TEX, C, B: normal write-back write-allocate (TEX 001, C, B); normal
 * non-cacheable (TEX 001, neither); shareable device (TEX 000, B, its S
 * bit ignored) */
#define TEX_NORMAL_WBWA 1u
#define TEX_NORMAL_NONCACHED 1u
#define TEX_DEVICE 0u

/* Whether a leaf's TEX, C and B (given as the format's field masks) are
 * those of cached RAM. */
static inline bool desc_is_cached_ram(uint32_t d, uint32_t tex_field, uint32_t c, uint32_t b)
{
	return FIELD_GET(tex_field, d) == TEX_NORMAL_WBWA && (d & c) && (d & b);
}

/* the kernel's domain: only its mappings use it, and DACR never gives it
 * to user mode (a user access to a kernel mapping is a permission fault) */
#define DOMAIN_KERNEL 0u
/* the domain of every user entry: DACR gives it as client, so the AP bits
 * decide (the deprivileged guest kernel will get a domain of its own) */
#define DOMAIN_USER 1u
#define DACR_CLIENT 1u
#define DACR_FIELD(domain, value) ((value) << (2 * (domain)))

#endif
