// SPDX-License-Identifier: MIT
/* A stage-1 MMU the guest turns on and off during the campaign: LPAE
 * (long descriptors, 40-bit output addresses), so that it can name
 * intermediate physical addresses above 4 GiB, which it has none of. Four
 * 1 GiB blocks: the first two (devices, holes) and the third (RAM) map
 * themselves; the fourth is a window the campaign points anywhere in the
 * 1 TiB IPA space, as device or normal memory, for one access, and then
 * back at itself (beyond RAM), where other actions expect nothing. Data caches stay off (the
 * normal memory is non-cacheable), so turning the MMU off again needs no
 * cache maintenance. */
#include "hostile.h"

#define BLOCK 0x1u                   /* level-1 block descriptor */
#define ATTR_INDEX(i) ((uint64_t)(i) << 2)
#define ATTR_NORMAL_NC 0             /* MAIR index 0: 0x44 */
#define ATTR_STRONGLY_ORDERED 1      /* index 1: 0x00 */
#define ATTR_DEVICE 2                /* index 2: 0x04 */
#define MAIR0_VALUE 0x00040044u
#define ACCESS_FLAG (1ull << 10)
#define AP_PL0_PL1_RW (1ull << 6)    /* user mode too: the mode actions visit it */
#define EXECUTE_NEVER (3ull << 53)   /* PXN and XN */
#define OUTPUT_1G 0xffc0000000ull    /* bits 39..30 */
#define TTBCR_EAE (1u << 31)
#define TTBCR_EPD1 (1u << 23)        /* TTBR1 unused: T0SZ = 0 covers all 4 GiB */
#define SCTLR_M 1u

static uint64_t level1[4] __aligned(4096);
static bool enabled;

static uint64_t block(uint64_t ipa, bool device)
{
	return (ipa & OUTPUT_1G) | ACCESS_FLAG | AP_PL0_PL1_RW | BLOCK |
	       (device ? ATTR_INDEX(ATTR_DEVICE) | EXECUTE_NEVER : ATTR_INDEX(ATTR_NORMAL_NC));
}

static void tlb_invalidate_all(void)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c7, 0\n\tdsb\n\tisb" ::"r"(0) : "memory");
}

void mmu_init(void)
{
	level1[0] = block(0x00000000u, true);
	level1[1] = block(0x40000000u, true);
	level1[2] = block(0x80000000u, false);
	level1[3] = block(MMU_WINDOW_VA, false);
}

void mmu_enable(void)
{
	/* the registers are set again each time: the campaign may have written
	 * TTBCR, TTBR0 or MAIR (with their own values) in between */
	CP15_WRITE(0, c10, c2, 0, MAIR0_VALUE);
	CP15_WRITE(0, c10, c2, 1, 0);
	CP15_WRITE(0, c2, c0, 2, TTBCR_EAE | TTBCR_EPD1);
	CP15_WRITE64(0, c2, (uint64_t)(uintptr_t)level1);
	tlb_invalidate_all();
	CP15_WRITE(0, c1, c0, 0, CP15_READ(0, c1, c0, 0) | SCTLR_M);
	enabled = true;
}

void mmu_disable(void)
{
	CP15_WRITE(0, c1, c0, 0, CP15_READ(0, c1, c0, 0) & ~SCTLR_M);
	tlb_invalidate_all();
	enabled = false;
}

bool mmu_enabled(void)
{
	return enabled;
}

uint32_t mmu_window(uint64_t ipa, bool device)
{
	level1[3] = block(ipa, device);
	__asm__ volatile("dsb" ::: "memory");
	tlb_invalidate_all();
	return MMU_WINDOW_VA + (uint32_t)(ipa & 0x3fffffffu);
}

void mmu_window_identity(void)
{
	mmu_window(MMU_WINDOW_VA, false);
}
